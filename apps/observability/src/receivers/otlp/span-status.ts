import { type Span, STATUS_CODES, type StatusCode } from '../../model/span.js';
import type { DecodeContext } from './decode-context.js';

export const UNSET_STATUS: Span['status'] = Object.freeze({ code: 'unset', message: '' });

/** Unknown status codes become `unset`, with a warning: the model has no place for them. */
export function statusOf(code: number, message: string, ctx: DecodeContext): Span['status'] {
  let name: StatusCode | undefined = STATUS_CODES[code];
  if (name === undefined) {
    ctx.warn('unknown status codes stored as unset');
    name = 'unset';
  }
  return code === 0 && message === '' ? UNSET_STATUS : { code: name, message };
}
