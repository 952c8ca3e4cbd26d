import { ColumnInput } from './column-input.js';
import { removeAt, replaceAt, withOptional } from './list-edit.js';
import {
  CALCULATION_OPS,
  type CalculationOp,
  HAVING_OPS,
  type HavingOp,
  needsColumn,
} from './query-ops.js';
import type { Having } from './query-state.js';

/** HAVING: keeps groups whose calculation compares true (HEATMAP has no single value). */
export function HavingList({
  value,
  onChange,
}: {
  readonly value: readonly Having[];
  readonly onChange: (next: Having[]) => void;
}) {
  return (
    <fieldset className="clause">
      <legend>Having</legend>
      {value.map((having, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond position
        <div className="clause-row" key={i}>
          <select
            aria-label={`Having ${i + 1} calculation`}
            value={having.calculateOp}
            onChange={(e) => {
              const calculateOp = e.target.value as CalculationOp;
              const next = needsColumn(calculateOp)
                ? { ...having, calculateOp }
                : { calculateOp, op: having.op, value: having.value };
              onChange(replaceAt(value, i, next));
            }}
          >
            {CALCULATION_OPS.filter((op) => op !== 'HEATMAP').map((op) => (
              <option key={op}>{op}</option>
            ))}
          </select>
          {needsColumn(having.calculateOp) ? (
            <ColumnInput
              label={`Having ${i + 1} column`}
              value={having.column ?? ''}
              onChange={(column) =>
                onChange(replaceAt(value, i, withOptional(having, 'column', column)))
              }
            />
          ) : null}
          <select
            aria-label={`Having ${i + 1} operator`}
            value={having.op}
            onChange={(e) =>
              onChange(replaceAt(value, i, { ...having, op: e.target.value as HavingOp }))
            }
          >
            {HAVING_OPS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </select>
          <input
            type="number"
            aria-label={`Having ${i + 1} value`}
            value={having.value}
            onChange={(e) =>
              onChange(replaceAt(value, i, { ...having, value: Number(e.target.value) }))
            }
          />
          <button
            type="button"
            aria-label={`Remove having ${i + 1}`}
            onClick={() => onChange(removeAt(value, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...value, { calculateOp: 'COUNT', op: '>', value: 0 }])}
      >
        + Having
      </button>
    </fieldset>
  );
}
