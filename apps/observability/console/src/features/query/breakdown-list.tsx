import { ColumnInput } from './column-input.js';
import { removeAt, replaceAt } from './list-edit.js';

/** GROUP BY: one line per distinct combination of these columns. */
export function BreakdownList({
  value,
  onChange,
}: {
  readonly value: readonly string[];
  readonly onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="clause">
      <legend>Group by</legend>
      {value.map((column, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond position
        <div className="clause-row" key={i}>
          <ColumnInput
            label={`Group by ${i + 1}`}
            value={column}
            onChange={(next) => onChange(replaceAt(value, i, next))}
          />
          <button
            type="button"
            aria-label={`Remove group by ${i + 1}`}
            onClick={() => onChange(removeAt(value, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, ''])}>
        + Group by
      </button>
    </fieldset>
  );
}
