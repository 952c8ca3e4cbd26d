import { createHash } from 'node:crypto';
import type { RollbarData, RollbarFrame, RollbarTrace } from './rollbar-item-schema.js';
import { stripMessageData } from './strip-message-data.js';

/** Rollbar's limit for a client fingerprint; longer ones are hashed to fit. */
const MAX_CLIENT_FINGERPRINT = 40;
/** How many of the most recent in-project frames name the throw site. */
export const FINGERPRINT_FRAMES = 5;

/**
 * Which item an occurrence belongs to (within its environment). A client `fingerprint` wins;
 * otherwise an exception groups by its class and its top in-project frames (file and function,
 * not line numbers: an edit above the throw site would otherwise split the item on every deploy),
 * a message by its text with the data stripped. The result is at most 40 characters.
 */
export function rollbarFingerprint(data: RollbarData): string {
  if (data.fingerprint) {
    return data.fingerprint.length <= MAX_CLIENT_FINGERPRINT
      ? data.fingerprint
      : sha1(data.fingerprint);
  }
  return sha1(groupingText(data));
}

function groupingText(data: RollbarData): string {
  const body = data.body;
  const trace = body.trace ?? body.trace_chain?.[0];
  if (trace) return traceGroupingText(trace, data.server?.root ?? undefined);
  if (body.message) return `message\n${stripMessageData(body.message.body)}`;
  return `crash\n${crashSignature(body.crash_report?.raw ?? '')}`;
}

function traceGroupingText(trace: RollbarTrace, root: string | undefined): string {
  const lines = [`trace\n${trace.exception.class}`];
  const frames = topFrames(trace.frames);
  if (frames.length === 0) lines.push(stripMessageData(trace.exception.message ?? ''));
  for (const frame of frames) {
    lines.push(`${normaliseFilename(frame.filename, root)} ${normaliseMethod(frame)}`);
  }
  return lines.join('\n');
}

/** The most recent in-project frames; the most recent frames at all when none is in-project. */
function topFrames(frames: readonly RollbarFrame[]): RollbarFrame[] {
  const own = frames.filter((frame) => isInProject(frame.filename));
  return (own.length > 0 ? own : [...frames]).slice(-FINGERPRINT_FRAMES);
}

/** Library and runtime frames change with dependency upgrades, not with the bug. */
export function isInProject(filename: string): boolean {
  return !(
    /[\\/]node_modules[\\/]/.test(filename) ||
    filename.startsWith('node:') ||
    filename.startsWith('internal/') ||
    filename === 'native' ||
    filename === '<anonymous>' ||
    filename === ''
  );
}

/**
 * A filename without what varies between machines and builds: the code root, the URL's origin,
 * query and fragment (cache busters), and content hashes in bundle names.
 */
export function normaliseFilename(filename: string, root?: string): string {
  let name = filename.replace(/^file:\/\//, '');
  if (root && name.startsWith(root)) name = `<root>${name.slice(root.length)}`;
  name = name.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  return name.replace(/([-.])([A-Za-z0-9_]{8,})(?=\.[a-z]+$)/, (whole, separator, token: string) =>
    /\d/.test(token) ? `${separator}<hash>` : whole,
  );
}

function normaliseMethod(frame: RollbarFrame): string {
  const method = frame.class_name
    ? `${frame.class_name}.${frame.method ?? ''}`
    : (frame.method ?? '');
  return method.replace(/\d{2,}/g, '<num>');
}

/** The lines of an Apple crash report that say what crashed, with addresses stripped. */
function crashSignature(raw: string): string {
  const lines = raw.split(/\r?\n/).map((line) => line.trim());
  const telling = lines.filter((line) =>
    /^(Exception Type|Exception Codes|Termination Reason|Crashed Thread)\b/.test(line),
  );
  const chosen = telling.length > 0 ? telling : lines.filter((line) => line !== '').slice(0, 1);
  return chosen.map(stripMessageData).join('\n');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
