import { ERROR_LEVELS, type ErrorOccurrence } from '../../model/error-occurrence.js';
import { rollbarFingerprint } from './rollbar-fingerprint.js';
import type { RollbarData } from './rollbar-item-schema.js';
import { rollbarLevel } from './rollbar-level.js';
import { rollbarTraceContext } from './rollbar-trace-context.js';

const MAX_TITLE = 255;

export type OccurrenceMapping =
  | { readonly kind: 'ok'; readonly occurrence: ErrorOccurrence }
  | { readonly kind: 'rejected'; readonly error: string };

/**
 * Maps a validated (and scrubbed) Rollbar `data` to an occurrence. `uuid` is the reporter's, or
 * `newUuid()` when it sent none; the stored payload carries the uuid either way.
 */
export function rollbarItemToOccurrence(
  data: RollbarData,
  receivedMs: number,
  newUuid: () => string,
): OccurrenceMapping {
  const body = data.body;
  const level = rollbarLevel(data.level, body.message !== undefined);
  if (level === undefined) {
    return { kind: 'rejected', error: `data.level must be one of ${ERROR_LEVELS.join(', ')}` };
  }
  const uuid = data.uuid ?? newUuid();
  const trace = body.trace ?? body.trace_chain?.[0];
  const message = trace ? (trace.exception.message ?? null) : (body.message?.body ?? null);
  const { traceId, spanId } = rollbarTraceContext(data);
  const personId = data.person?.id;
  return {
    kind: 'ok',
    occurrence: {
      uuid,
      environment: data.environment,
      fingerprint: rollbarFingerprint(data),
      title: titleOf(data),
      level,
      timeMs: data.timestamp ? Math.round(data.timestamp * 1000) : receivedMs,
      exceptionClass: trace?.exception.class ?? null,
      message,
      traceId,
      spanId,
      codeVersion: textOrNull(data.code_version),
      framework: data.framework ?? null,
      platform: data.platform ?? null,
      language: data.language ?? null,
      context: data.context ?? null,
      host: data.server?.host ?? null,
      personId: textOrNull(personId),
      requestJson: data.request ? JSON.stringify(data.request) : null,
      personJson: data.person ? JSON.stringify(data.person) : null,
      dataJson: JSON.stringify({ ...data, uuid }),
    },
  };
}

/** The reporter's title, else "Class: message" for exceptions, else the message's first line. */
function titleOf(data: RollbarData): string {
  const body = data.body;
  const trace = body.trace ?? body.trace_chain?.[0];
  let title: string;
  if (data.title) title = data.title;
  else if (trace) {
    const message = firstLine(trace.exception.message ?? '');
    title = message ? `${trace.exception.class}: ${message}` : trace.exception.class;
  } else if (body.message) title = firstLine(body.message.body);
  else title = firstLine(body.crash_report?.raw ?? '');
  // By code point, so a cut never leaves half a surrogate pair.
  return [...title.slice(0, MAX_TITLE * 2)].slice(0, MAX_TITLE).join('') || '(no title)';
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/, 1)[0] ?? '';
}

function textOrNull(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
