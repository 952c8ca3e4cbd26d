const WIDTH = 120;
const HEIGHT = 24;

/** Occurrences per hour over the last day, as a small line. */
export function Sparkline({
  counts,
  label,
}: {
  readonly counts: readonly number[];
  readonly label: string;
}) {
  if (counts.length === 0) return null;
  const max = Math.max(...counts, 1);
  const step = counts.length > 1 ? WIDTH / (counts.length - 1) : WIDTH;
  const points = counts
    .map((c, i) => `${(i * step).toFixed(1)},${(HEIGHT - 2 - (c / max) * (HEIGHT - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="#d13a1d" strokeWidth={1.5} />
      <title>{label}</title>
    </svg>
  );
}
