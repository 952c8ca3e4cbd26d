/** A duration in milliseconds the way people read it: 850 µs, 12.3 ms, 4.05 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A number in a table cell: integers as they are, others to four significant digits. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (Number.isInteger(value)) return INTEGER.format(value);
  return DECIMAL.format(Number(value.toPrecision(4)));
}

// Built once: toLocaleString builds a formatter per call, which shows on tables of hundreds of rows.
const INTEGER = new Intl.NumberFormat('en-US');
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '–' : d.toLocaleString('en-GB', { hour12: false });
}

/** Nanoseconds since the epoch, as the API writes them (decimal strings), to milliseconds. */
export function nanosToMillis(nanos: string): number {
  return Number(BigInt(nanos) / 1000n) / 1000;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.01 ? 2 : 1)}%`;
}

/** Any attribute value as text: strings as they are, everything else as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}
