import { memo } from 'react';
import type { ResultData } from '../../shared/api-schemas.js';
import { formatNumber } from '../../shared/format.js';
import { seriesColor } from '../../shared/palette.js';
import { displayValue } from './series-data.js';

/** The query's result rows; a row (click or Enter) drills into its spans. */
export const ResultsTable = memo(function ResultsTable({
  rows,
  breakdowns,
  calculations,
  onRowClick,
}: {
  readonly rows: readonly ResultData[];
  readonly breakdowns: readonly string[];
  readonly calculations: readonly string[];
  readonly onRowClick: (row: ResultData) => void;
}) {
  return (
    <table className="results-table" aria-label="Query results">
      <thead>
        <tr>
          <th aria-label="Line colour" />
          {breakdowns.map((b) => (
            <th key={b}>{b}</th>
          ))}
          {calculations.map((c) => (
            <th key={c} className="num">
              {c}
            </th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr
            // biome-ignore lint/suspicious/noArrayIndexKey: result rows are positions in an ordered answer
            key={i}
            className="clickable"
            onClick={() => onRowClick(row)}
          >
            <td>
              <span className="swatch" style={{ background: seriesColor(i) }} />
            </td>
            {breakdowns.map((b) => (
              <td key={b}>{displayValue(row[b])}</td>
            ))}
            {calculations.map((c) => {
              const v = row[c];
              return (
                <td key={c} className="num">
                  {typeof v === 'number' || v === null || v === undefined
                    ? formatNumber(v)
                    : displayValue(v)}
                </td>
              );
            })}
            <td>
              <button
                type="button"
                className="link-button"
                onClick={(e) => {
                  e.stopPropagation();
                  onRowClick(row);
                }}
              >
                spans
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
