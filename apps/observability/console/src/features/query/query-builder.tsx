import type { PageRange } from '../../shared/time-range.js';
import { TimeRangePicker } from '../../shared/time-range-picker.js';
import { BreakdownList } from './breakdown-list.js';
import { CalculationList } from './calculation-list.js';
import { ColumnsDatalist } from './column-input.js';
import { FilterList } from './filter-list.js';
import { HavingList } from './having-list.js';
import { NumberInput } from './number-input.js';
import { OrderList } from './order-list.js';
import { ALL_DATASETS, type QueryState, type TimeRange } from './query-state.js';

export function toPageRange(range: TimeRange): PageRange {
  return range.kind === 'relative'
    ? range
    : { kind: 'absolute', startMs: range.startSec * 1000, endMs: range.endSec * 1000 };
}

export function fromPageRange(range: PageRange): TimeRange {
  return range.kind === 'relative'
    ? range
    : {
        kind: 'absolute',
        startSec: Math.floor(range.startMs / 1000),
        endSec: Math.ceil(range.endMs / 1000),
      };
}

/** The Honeycomb-style builder: edits a draft; Run puts it in the URL, which runs it. */
export function QueryBuilder({
  state,
  datasets,
  columns,
  onChange,
  onRun,
}: {
  readonly state: QueryState;
  readonly datasets: readonly string[];
  readonly columns: readonly string[];
  readonly onChange: (next: QueryState) => void;
  readonly onRun: () => void;
}) {
  const set = <K extends keyof QueryState>(key: K, value: QueryState[K]) =>
    onChange({ ...state, [key]: value });
  return (
    <form
      className="query-builder"
      aria-label="Query builder"
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
    >
      <ColumnsDatalist columns={columns} />
      <div className="builder-top">
        <label>
          Dataset{' '}
          <select
            aria-label="Dataset"
            value={state.dataset}
            onChange={(e) => set('dataset', e.target.value)}
          >
            <option value={ALL_DATASETS}>All datasets</option>
            {datasets.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
            {state.dataset !== ALL_DATASETS && !datasets.includes(state.dataset) ? (
              <option value={state.dataset}>{state.dataset}</option>
            ) : null}
          </select>
        </label>
        <TimeRangePicker
          value={toPageRange(state.timeRange)}
          onChange={(range) => set('timeRange', fromPageRange(range))}
        />
        <label>
          Granularity (s){' '}
          <input
            type="number"
            min={1}
            aria-label="Granularity"
            placeholder="auto"
            value={state.granularity ?? ''}
            onChange={(e) => {
              const { granularity: _, ...rest } = state;
              onChange(
                e.target.value === '' ? rest : { ...rest, granularity: Number(e.target.value) },
              );
            }}
          />
        </label>
      </div>
      <div className="builder-clauses">
        <CalculationList value={state.calculations} onChange={(v) => set('calculations', v)} />
        <FilterList
          value={state.filters}
          combination={state.filterCombination}
          onChange={(v) => set('filters', v)}
          onCombinationChange={(v) => set('filterCombination', v)}
        />
        <BreakdownList value={state.breakdowns} onChange={(v) => set('breakdowns', v)} />
        <OrderList
          value={state.orders}
          breakdowns={state.breakdowns}
          calculations={state.calculations}
          onChange={(v) => set('orders', v)}
        />
        <HavingList value={state.havings} onChange={(v) => set('havings', v)} />
        <fieldset className="clause">
          <legend>Limit</legend>
          <NumberInput
            label="Limit"
            value={state.limit}
            min={1}
            max={10_000}
            onChange={(v) => set('limit', v)}
          />
        </fieldset>
      </div>
      <button type="submit" className="primary">
        Run query
      </button>
    </form>
  );
}
