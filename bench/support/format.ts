const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function fmtMs(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function fmtRatio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function fmtBytes(value: number): string {
  return value >= GIB ? `${(value / GIB).toFixed(2)} GiB` : `${(value / MIB).toFixed(0)} MiB`;
}

/** `✓ met` / `✗ missed` against a target, for the summary lines. */
export function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** Prints rows as a left-aligned text table. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}
