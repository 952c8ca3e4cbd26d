import { TraceRequestType } from '../../apps/observability/src/receivers/otlp/otlp-protobufjs.testing.js';

/**
 * The decode ceiling's decoder: protobufjs reflection over the public OTLP field numbers (the
 * same independent schema the receiver's tests cross-check against), never the server's reader.
 * Returns the span count so the work cannot be optimised away.
 */
export function decodeSpanCount(body: Uint8Array): number {
  const message = TraceRequestType.decode(body) as unknown as {
    resourceSpans: { scopeSpans: { spans: unknown[] }[] }[];
  };
  let spans = 0;
  for (const resource of message.resourceSpans) {
    for (const scope of resource.scopeSpans) spans += scope.spans.length;
  }
  return spans;
}
