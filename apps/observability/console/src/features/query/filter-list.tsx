import { ColumnInput } from './column-input.js';
import { removeAt, replaceAt } from './list-edit.js';
import { FILTER_OPS, type FilterOp, filterTakesList, filterTakesValue } from './query-ops.js';
import type { Filter } from './query-state.js';

/** WHERE: every filter operator of the query API, combined with AND or OR. */
export function FilterList({
  value,
  combination,
  onChange,
  onCombinationChange,
}: {
  readonly value: readonly Filter[];
  readonly combination: 'AND' | 'OR';
  readonly onChange: (next: Filter[]) => void;
  readonly onCombinationChange: (next: 'AND' | 'OR') => void;
}) {
  return (
    <fieldset className="clause">
      <legend>Where</legend>
      {value.length > 1 ? (
        <select
          aria-label="Filter combination"
          value={combination}
          onChange={(e) => onCombinationChange(e.target.value as 'AND' | 'OR')}
        >
          <option value="AND">all of (AND)</option>
          <option value="OR">any of (OR)</option>
        </select>
      ) : null}
      {value.map((filter, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond position
        <div className="clause-row" key={i}>
          <ColumnInput
            label={`Filter ${i + 1} column`}
            value={filter.column}
            onChange={(column) => onChange(replaceAt(value, i, { ...filter, column }))}
          />
          <select
            aria-label={`Filter ${i + 1} operator`}
            value={filter.op}
            onChange={(e) =>
              onChange(replaceAt(value, i, { ...filter, op: e.target.value as FilterOp }))
            }
          >
            {FILTER_OPS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </select>
          {filterTakesValue(filter.op) ? (
            <input
              aria-label={`Filter ${i + 1} value`}
              placeholder={filterTakesList(filter.op) ? 'a, b, c' : 'value'}
              value={filter.value}
              onChange={(e) => onChange(replaceAt(value, i, { ...filter, value: e.target.value }))}
            />
          ) : null}
          <button
            type="button"
            aria-label={`Remove filter ${i + 1}`}
            onClick={() => onChange(removeAt(value, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...value, { column: '', op: '=', value: '' }])}
      >
        + Filter
      </button>
    </fieldset>
  );
}
