import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../shared/app-errors.js';

/**
 * Write routes accept only JSON bodies. Besides clear errors, this keeps a cross-site HTML form
 * (which cannot send `application/json` without a CORS preflight) from posting as the user.
 */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (req.method !== 'POST') {
    next();
    return;
  }
  if (!req.is('application/json')) {
    throw new UnsupportedMediaTypeError('send the body as JSON with content-type application/json');
  }
  next();
}
