import { ColumnInput } from './column-input.js';
import { removeAt, replaceAt, withOptional } from './list-edit.js';
import { CALCULATION_OPS, type CalculationOp, needsColumn } from './query-ops.js';
import type { Calculation } from './query-state.js';

/** VISUALIZE: any calculation of the query API, each drawn as its own chart. */
export function CalculationList({
  value,
  onChange,
}: {
  readonly value: readonly Calculation[];
  readonly onChange: (next: Calculation[]) => void;
}) {
  return (
    <fieldset className="clause">
      <legend>Visualize</legend>
      {value.map((calc, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond position
        <div className="clause-row" key={i}>
          <select
            aria-label={`Calculation ${i + 1} operator`}
            value={calc.op}
            onChange={(e) => {
              const op = e.target.value as CalculationOp;
              const next = needsColumn(op) ? { ...calc, op } : { op };
              onChange(replaceAt(value, i, next));
            }}
          >
            {CALCULATION_OPS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </select>
          {needsColumn(calc.op) ? (
            <ColumnInput
              label={`Calculation ${i + 1} column`}
              value={calc.column ?? ''}
              onChange={(column) =>
                onChange(replaceAt(value, i, withOptional(calc, 'column', column)))
              }
            />
          ) : null}
          <button
            type="button"
            aria-label={`Remove calculation ${i + 1}`}
            onClick={() => onChange(removeAt(value, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, { op: 'COUNT' }])}>
        + Calculation
      </button>
    </fieldset>
  );
}
