import { z } from 'zod';
import {
  CALCULATION_OPS,
  DEFAULT_LIMIT,
  FILTER_OPS,
  HAVING_OPS,
  MAX_LIMIT,
} from '../contract/query-vocabulary.js';
import { UNSUPPORTED_OPS } from './calculation-ops.js';
import { QueryValidationError } from './query-validation-error.js';

export {
  DEFAULT_LIMIT,
  DEFAULT_TIME_RANGE_SECONDS,
  FILTER_OPS,
  type FilterOp,
  HAVING_OPS,
  type HavingOp,
  MAX_LIMIT,
} from '../contract/query-vocabulary.js';

const calculationOp = z.enum(CALCULATION_OPS, {
  error: (issue) =>
    (UNSUPPORTED_OPS as readonly unknown[]).includes(issue.input)
      ? `op ${String(issue.input)} is not supported by this server`
      : `unknown op ${JSON.stringify(issue.input)}; expected one of ${CALCULATION_OPS.join(', ')}`,
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export type FilterScalar = z.infer<typeof scalar>;

const calculationSchema = z.object({
  op: calculationOp,
  column: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
});

const filterSchema = z.object({
  column: z.string().min(1),
  op: z.enum(FILTER_OPS, {
    error: (issue) => `unknown filter op ${JSON.stringify(issue.input)}`,
  }),
  // null is how some clients spell "no value" for exists/does-not-exist.
  value: z.union([scalar, z.array(scalar)]).nullish(),
});

const orderSchema = z.object({
  op: calculationOp.optional(),
  column: z.string().min(1).optional(),
  order: z.enum(['ascending', 'descending']).default('ascending'),
});

const havingSchema = z.object({
  calculate_op: calculationOp,
  column: z.string().min(1).optional(),
  op: z.enum(HAVING_OPS, { error: (issue) => `unknown having op ${JSON.stringify(issue.input)}` }),
  value: z.number(),
});

/** Fields of Honeycomb's spec we cannot honour; ignoring them would return a wrong answer. */
const unsupported = (what: string) =>
  z
    .unknown()
    .optional()
    .refine((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0), {
      message: `${what} are not supported by this server`,
    });

/**
 * Honeycomb's query specification. Unknown extra fields (`id`, `query_id`, …) are dropped so
 * that a spec echoed back by the API validates again; the ones that change the answer and
 * that we cannot compute (`calculated_fields`, `formulas`, `compare_time_offset_seconds`) are
 * rejected instead, as silently ignoring them would answer a different question.
 */
export const querySpecSchema = z.object({
  calculations: z.array(calculationSchema).max(100).optional(),
  filters: z.array(filterSchema).max(100).default([]),
  filter_combination: z.enum(['AND', 'OR']).default('AND'),
  breakdowns: z.array(z.string().min(1)).max(100).default([]),
  orders: z.array(orderSchema).max(100).default([]),
  havings: z.array(havingSchema).max(100).default([]),
  limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  time_range: z.number().positive().optional(),
  start_time: z.number().nonnegative().optional(),
  end_time: z.number().nonnegative().optional(),
  granularity: z.number().int().min(1).optional(),
  calculated_fields: unsupported('calculated_fields'),
  formulas: unsupported('formulas'),
  compare_time_offset_seconds: unsupported('time comparisons (compare_time_offset_seconds)'),
});

export type QuerySpecInput = z.input<typeof querySpecSchema>;
export type QuerySpec = z.output<typeof querySpecSchema>;
export type QueryCalculation = z.output<typeof calculationSchema>;
export type QueryFilter = z.output<typeof filterSchema>;
export type QueryOrder = z.output<typeof orderSchema>;
export type QueryHaving = z.output<typeof havingSchema>;

/** `['calculations', 0, 'column']` → `calculations[0].column`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Parses a spec from JSON, throwing `QueryValidationError` at the first bad field. */
export function parseQuerySpec(input: unknown): QuerySpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new QueryValidationError('', 'the query spec must be a JSON object');
  }
  const result = querySpecSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = fieldPath(issue?.path ?? []);
  const message = issue?.message ?? 'invalid query spec';
  throw new QueryValidationError(field, field === '' ? message : `${field}: ${message}`);
}
