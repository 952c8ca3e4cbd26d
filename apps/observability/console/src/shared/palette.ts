/** One set of distinct, readable hues for the whole console. */
const PALETTE = [
  '#2f7ed8',
  '#e8743b',
  '#19a979',
  '#945ecf',
  '#ed4a7b',
  '#13a4b4',
  '#bf8b00',
  '#525df4',
  '#6c8893',
  '#d13a1d',
  '#58595b',
  '#8cb369',
];

/** A chart's lines, in the order of the results table (row n ↔ line n). */
export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** A service keeps its colour on every page: the colour is a hash of its name. */
export function serviceColor(service: string): string {
  let hash = 0;
  for (let i = 0; i < service.length; i++) hash = (hash * 31 + service.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}
