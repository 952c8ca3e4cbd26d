import { z } from 'zod';
import {
  DEFAULT_LIMIT,
  DEFAULT_TIME_RANGE_SECONDS,
} from '../../../../src/contract/query-vocabulary.js';
import {
  CALCULATION_OPS,
  type CalculationOp,
  FILTER_OPS,
  type FilterOp,
  filterTakesList,
  filterTakesValue,
  HAVING_OPS,
  type HavingOp,
} from './query-ops.js';

export const ALL_DATASETS = '__all__';

export interface Calculation {
  readonly op: CalculationOp;
  readonly column?: string;
}
/** A filter as the builder edits it: the value is text, lists comma-separated. */
export interface Filter {
  readonly column: string;
  readonly op: FilterOp;
  readonly value: string;
}
export interface Order {
  readonly op?: CalculationOp;
  readonly column?: string;
  readonly order: 'ascending' | 'descending';
}
export interface Having {
  readonly calculateOp: CalculationOp;
  readonly column?: string;
  readonly op: HavingOp;
  readonly value: number;
}
export type TimeRange =
  | { readonly kind: 'relative'; readonly seconds: number }
  | { readonly kind: 'absolute'; readonly startSec: number; readonly endSec: number };

/** Everything the query builder shows; the URL and the API spec are both derived from it. */
export interface QueryState {
  readonly dataset: string;
  readonly calculations: readonly Calculation[];
  readonly filters: readonly Filter[];
  readonly filterCombination: 'AND' | 'OR';
  readonly breakdowns: readonly string[];
  readonly orders: readonly Order[];
  readonly havings: readonly Having[];
  readonly limit: number;
  readonly timeRange: TimeRange;
  readonly granularity?: number;
}

export function defaultQueryState(dataset = ALL_DATASETS): QueryState {
  return {
    dataset,
    calculations: [{ op: 'COUNT' }],
    filters: [],
    filterCombination: 'AND',
    breakdowns: [],
    orders: [],
    havings: [],
    limit: DEFAULT_LIMIT,
    timeRange: { kind: 'relative', seconds: DEFAULT_TIME_RANGE_SECONDS },
  };
}

/** Honeycomb's query specification, as `POST /1/queries/:dataset` takes it. */
export interface QuerySpecJson {
  calculations: { op: CalculationOp; column?: string }[];
  filters?: { column: string; op: FilterOp; value?: string | string[] }[];
  filter_combination?: 'AND' | 'OR';
  breakdowns?: string[];
  orders?: { op?: CalculationOp; column?: string; order: 'ascending' | 'descending' }[];
  havings?: { calculate_op: CalculationOp; column?: string; op: HavingOp; value: number }[];
  limit: number;
  time_range?: number;
  start_time?: number;
  end_time?: number;
  granularity?: number;
}

const withColumn = <T extends object>(base: T, column: string | undefined) =>
  column ? { ...base, column } : base;

export function stateToSpec(state: QueryState): QuerySpecJson {
  const spec: QuerySpecJson = {
    calculations: (state.calculations.length > 0
      ? state.calculations
      : [{ op: 'COUNT' } as Calculation]
    ).map((c) => withColumn({ op: c.op }, c.column)),
    limit: state.limit,
  };
  if (state.filters.length > 0) {
    spec.filters = state.filters.map((f) => {
      if (!filterTakesValue(f.op)) return { column: f.column, op: f.op };
      if (filterTakesList(f.op)) {
        const list = f.value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        return { column: f.column, op: f.op, value: list };
      }
      return { column: f.column, op: f.op, value: f.value };
    });
  }
  if (state.filterCombination === 'OR') spec.filter_combination = 'OR';
  if (state.breakdowns.length > 0) spec.breakdowns = [...state.breakdowns];
  if (state.orders.length > 0) {
    spec.orders = state.orders.map((o) => {
      const order = withColumn(
        { order: o.order } as NonNullable<QuerySpecJson['orders']>[number],
        o.column,
      );
      return o.op ? { op: o.op, ...order } : order;
    });
  }
  if (state.havings.length > 0) {
    spec.havings = state.havings.map((h) =>
      withColumn({ calculate_op: h.calculateOp, op: h.op, value: h.value }, h.column),
    );
  }
  if (state.timeRange.kind === 'relative') spec.time_range = state.timeRange.seconds;
  else {
    spec.start_time = state.timeRange.startSec;
    spec.end_time = state.timeRange.endSec;
  }
  if (state.granularity !== undefined) spec.granularity = state.granularity;
  return spec;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const column = z.string().min(1).optional();
/** Lenient on purpose: a hand-edited or older link still opens, dropping only what is unreadable. */
const specSchema = z.object({
  calculations: z.array(z.object({ op: z.enum(CALCULATION_OPS), column })).optional(),
  filters: z
    .array(
      z.object({
        column: z.string(),
        op: z.enum(FILTER_OPS),
        value: z.union([scalar, z.array(scalar)]).nullish(),
      }),
    )
    .optional(),
  filter_combination: z.enum(['AND', 'OR']).optional(),
  breakdowns: z.array(z.string()).optional(),
  orders: z
    .array(
      z.object({
        op: z.enum(CALCULATION_OPS).optional(),
        column,
        order: z.enum(['ascending', 'descending']).default('ascending'),
      }),
    )
    .optional(),
  havings: z
    .array(
      z.object({
        calculate_op: z.enum(CALCULATION_OPS),
        column,
        op: z.enum(HAVING_OPS),
        value: z.number(),
      }),
    )
    .optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  time_range: z.number().positive().optional(),
  start_time: z.number().nonnegative().optional(),
  end_time: z.number().nonnegative().optional(),
  granularity: z.number().int().positive().optional(),
});

export function specToState(input: unknown, dataset: string): QueryState {
  const parsed = specSchema.safeParse(input);
  const base = defaultQueryState(dataset);
  if (!parsed.success) return base;
  const s = parsed.data;
  const timeRange: TimeRange =
    s.start_time !== undefined && s.end_time !== undefined
      ? { kind: 'absolute', startSec: s.start_time, endSec: s.end_time }
      : { kind: 'relative', seconds: s.time_range ?? DEFAULT_TIME_RANGE_SECONDS };
  const state: QueryState = {
    dataset,
    calculations:
      s.calculations && s.calculations.length > 0
        ? s.calculations.map((c) => withColumn({ op: c.op }, c.column))
        : base.calculations,
    filters: (s.filters ?? []).map((f) => ({
      column: f.column,
      op: f.op,
      value:
        f.value === null || f.value === undefined
          ? ''
          : Array.isArray(f.value)
            ? f.value.map(String).join(', ')
            : String(f.value),
    })),
    filterCombination: s.filter_combination ?? 'AND',
    breakdowns: s.breakdowns ?? [],
    orders: (s.orders ?? []).map((o) => {
      const order = withColumn({ order: o.order } as Order, o.column);
      return o.op ? { op: o.op, ...order } : order;
    }),
    havings: (s.havings ?? []).map((h) =>
      withColumn({ calculateOp: h.calculate_op, op: h.op, value: h.value } as Having, h.column),
    ),
    limit: s.limit ?? DEFAULT_LIMIT,
    timeRange,
  };
  return s.granularity === undefined ? state : { ...state, granularity: s.granularity };
}
