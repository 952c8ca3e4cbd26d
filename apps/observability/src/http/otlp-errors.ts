import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  encodeRpcStatusJson,
  encodeRpcStatusProto,
  RPC_CODE,
} from '../receivers/otlp/encode-rpc-status.js';
import { OtlpDecodeError } from '../receivers/otlp/otlp-decode-error.js';
import { StoreClosedError, StoreOverloadedError } from '../store/store-errors.js';
import { type OtlpEncoding, otlpEncodingOf } from './otlp-encoding.js';
import { BodyTooLargeError, ClientAbortedError, UnreadableBodyError } from './request-body.js';

const HTTP_TO_RPC: Record<number, number> = {
  400: RPC_CODE.invalidArgument,
  401: RPC_CODE.unauthenticated,
  403: RPC_CODE.unauthenticated,
  413: RPC_CODE.resourceExhausted,
  415: RPC_CODE.invalidArgument,
  500: RPC_CODE.internal,
  503: RPC_CODE.unavailable,
};

/** An OTLP error answer: a `google.rpc.Status` in the request's encoding (JSON if unknown). */
export function otlpStatusResponse(
  c: Context,
  encoding: OtlpEncoding,
  status: ContentfulStatusCode,
  message: string,
): Response {
  const rpc = { code: HTTP_TO_RPC[status] ?? RPC_CODE.internal, message };
  return encoding === 'protobuf'
    ? c.body(encodeRpcStatusProto(rpc) as Uint8Array<ArrayBuffer>, status, {
        'content-type': 'application/x-protobuf',
      })
    : c.body(encodeRpcStatusJson(rpc), status, { 'content-type': 'application/json' });
}

/** The one mapping from errors to OTLP/HTTP answers; only 503 is retryable, with Retry-After. */
export function otlpErrorResponse(error: Error, c: Context): Response {
  const encoding = otlpEncodingOf(c.req.header('content-type')) ?? 'json';
  // Nobody is listening any more; answer for the record, never as a server fault.
  if (error instanceof ClientAbortedError)
    return otlpStatusResponse(c, encoding, 400, error.message);
  if (error instanceof OtlpDecodeError) return otlpStatusResponse(c, encoding, 400, error.message);
  if (error instanceof BodyTooLargeError)
    return otlpStatusResponse(c, encoding, 413, error.message);
  if (error instanceof UnreadableBodyError)
    return otlpStatusResponse(c, encoding, error.status, error.message);
  if (error.name === 'UnsupportedMediaTypeError')
    return otlpStatusResponse(c, 'json', 415, error.message);
  if (error instanceof StoreOverloadedError || error instanceof StoreClosedError) {
    c.header(
      'Retry-After',
      String(error instanceof StoreOverloadedError ? error.retryAfterSeconds : 5),
    );
    return otlpStatusResponse(c, encoding, 503, error.message);
  }
  console.error('otlp receiver error', error);
  return otlpStatusResponse(c, encoding, 500, 'internal error');
}
