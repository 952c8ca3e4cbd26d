import type { z } from 'zod';
import { BadRequestError } from '../shared/app-errors.js';

/** `message: expected string, received number; (root): unrecognized key "x"` */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses a request body or path parameter with its schema. Shape errors (wrong types, unknown
 * fields, not an object) are 400 with a readable message; the business rules that the original
 * answered with 422 codes (blank, too long) run later, in the services.
 */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code = 'invalid_body',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new BadRequestError(code, describeIssues(result.error));
  return result.data;
}
