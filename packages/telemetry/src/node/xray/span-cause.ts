import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { XrayException, XrayStackFrame } from './xray-segment-document.js';

/** Frames kept per exception; the rest are counted in `truncated`. */
export const MAX_STACK_FRAMES = 50;
const MAX_MESSAGE_LENGTH = 4_096;

/** `    at label (path:line:column)` or `    at path:line:column`, as V8 prints frames. */
const V8_FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+)(?::\d+)?\)?\s*$/;

/**
 * The exceptions recorded on a span (`exception` events) in X-Ray's `cause` form; with none and
 * an ERROR status, one exception carrying the status message, so a fault always says why.
 * `remote` marks errors that came back from a call we made (CLIENT and PRODUCER spans).
 */
export function causeOfSpan(span: ReadableSpan): { exceptions: XrayException[] } | undefined {
  const remote = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER;
  const exceptions: XrayException[] = [];
  for (const event of span.events) {
    if (event.name !== 'exception') continue;
    const attributes = event.attributes ?? {};
    const exception: XrayException = { id: exceptionId() };
    const type = attributes['exception.type'];
    const message = attributes['exception.message'];
    const stacktrace = attributes['exception.stacktrace'];
    if (typeof message === 'string') exception.message = message.slice(0, MAX_MESSAGE_LENGTH);
    if (typeof type === 'string') exception.type = type;
    if (remote) exception.remote = true;
    if (typeof stacktrace === 'string') Object.assign(exception, stackOf(stacktrace));
    exceptions.push(exception);
  }
  if (exceptions.length === 0 && span.status.code === SpanStatusCode.ERROR) {
    exceptions.push({
      id: exceptionId(),
      ...(span.status.message ? { message: span.status.message.slice(0, MAX_MESSAGE_LENGTH) } : {}),
      ...(remote ? { remote: true } : {}),
    });
  }
  return exceptions.length === 0 ? undefined : { exceptions };
}

/**
 * Parses a V8 stack trace into frames; frames beyond the cap are counted, not kept, so one deep
 * stack cannot push a document past X-Ray's size limit.
 */
export function stackOf(stacktrace: string): { stack: XrayStackFrame[]; truncated?: number } {
  const stack: XrayStackFrame[] = [];
  let truncated = 0;
  for (const line of stacktrace.split('\n')) {
    const match = V8_FRAME.exec(line);
    if (match === null) continue;
    if (stack.length >= MAX_STACK_FRAMES) {
      truncated += 1;
      continue;
    }
    const frame: XrayStackFrame = { path: match[2]!, line: Number(match[3]) };
    if (match[1] !== undefined) frame.label = match[1];
    stack.push(frame);
  }
  return truncated > 0 ? { stack, truncated } : { stack };
}

function exceptionId(): string {
  return randomBytes(8).toString('hex');
}
