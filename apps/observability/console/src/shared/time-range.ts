/** A page's time window in the URL: `?range=<seconds>` (ending now) or `?start=<ms>&end=<ms>`. */
export type PageRange =
  | { readonly kind: 'relative'; readonly seconds: number }
  | { readonly kind: 'absolute'; readonly startMs: number; readonly endMs: number };

/** Relative time ranges the picker offers, in seconds. */
export const TIME_PRESETS = [
  { label: 'Last 10 minutes', seconds: 600 },
  { label: 'Last 30 minutes', seconds: 1800 },
  { label: 'Last hour', seconds: 3600 },
  { label: 'Last 2 hours', seconds: 7200 },
  { label: 'Last 6 hours', seconds: 21_600 },
  { label: 'Last 24 hours', seconds: 86_400 },
  { label: 'Last 7 days', seconds: 604_800 },
] as const;

export function readPageRange(params: URLSearchParams, defaultSeconds = 3600): PageRange {
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  if (params.has('start') && params.has('end') && start < end) {
    return { kind: 'absolute', startMs: start, endMs: end };
  }
  const seconds = Number(params.get('range'));
  return { kind: 'relative', seconds: seconds > 0 ? seconds : defaultSeconds };
}

export function writePageRange(params: URLSearchParams, range: PageRange): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('range');
  next.delete('start');
  next.delete('end');
  if (range.kind === 'relative') next.set('range', String(range.seconds));
  else {
    next.set('start', String(range.startMs));
    next.set('end', String(range.endMs));
  }
  return next;
}

/** The window in milliseconds, resolved against now for relative ranges. */
export function resolvePageRange(range: PageRange, nowMs = Date.now()) {
  return range.kind === 'relative'
    ? { startMs: nowMs - range.seconds * 1000, endMs: nowMs }
    : { startMs: range.startMs, endMs: range.endMs };
}

/** `2026-11-21T09:15` for a datetime-local input, in the browser's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | undefined {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
