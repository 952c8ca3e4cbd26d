import { RPC_STATUS } from './proto-fields.js';
import { ProtoWriter } from './proto-writer.js';

/** The gRPC codes an OTLP/HTTP error body may carry (clients do not branch on them). */
export const RPC_CODE = {
  invalidArgument: 3,
  resourceExhausted: 8,
  internal: 13,
  unavailable: 14,
  unauthenticated: 16,
} as const;

/** `google.rpc.Status` without `details`, the body of every OTLP/HTTP error answer. */
export interface RpcStatus {
  readonly code: number;
  readonly message: string;
}

export function encodeRpcStatusProto(status: RpcStatus): Uint8Array {
  const writer = new ProtoWriter();
  if (status.code !== 0) writer.varint(RPC_STATUS.tag.code >>> 3, status.code);
  if (status.message !== '') writer.string(RPC_STATUS.tag.message >>> 3, status.message);
  return writer.finish();
}

export function encodeRpcStatusJson(status: RpcStatus): string {
  return JSON.stringify({ code: status.code, message: status.message });
}
