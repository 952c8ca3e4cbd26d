import {
  type CalculationOp,
  calculationLabel,
  needsColumn,
  needsNumericColumn,
} from './calculation-ops.js';
import type { ColumnResolver, ResolvedColumn } from './column-resolver.js';
import type { HavingOp, QueryCalculation, QuerySpec } from './query-spec.js';
import { QueryValidationError } from './query-validation-error.js';

export interface PlannedCalculation {
  readonly op: CalculationOp;
  readonly keyName: string | undefined;
  readonly column: ResolvedColumn | undefined;
  /** The key the result carries: the calculation's `name`, else `OP(column)`. */
  readonly label: string;
  readonly alias: string;
}

export interface PlannedBreakdown {
  readonly keyName: string;
  readonly column: ResolvedColumn;
  readonly alias: string;
}

export interface PlannedHaving {
  readonly alias: string;
  readonly op: HavingOp;
  readonly value: number;
}

/** The spec checked against the queried columns, with positional SQL aliases. */
export interface QueryPlan {
  readonly calculations: readonly PlannedCalculation[];
  readonly breakdowns: readonly PlannedBreakdown[];
  /** `ORDER BY` terms over aliases only, never user text. */
  readonly orderBy: readonly string[];
  readonly havings: readonly PlannedHaving[];
}

/** A column no queried dataset has reads as all NULL (so `does-not-exist` matches everything). */
export function missingColumn(keyName: string): ResolvedColumn {
  return { keyName, sql: 'CAST(NULL AS VARCHAR)', type: 'string', needsResources: false };
}

export function planQuery(spec: QuerySpec, resolver: ColumnResolver): QueryPlan {
  const specCalculations: QueryCalculation[] =
    spec.calculations === undefined || spec.calculations.length === 0
      ? [{ op: 'COUNT' }]
      : spec.calculations;
  const breakdowns = spec.breakdowns.map((keyName, index): PlannedBreakdown => {
    if (spec.breakdowns.indexOf(keyName) !== index) {
      throw new QueryValidationError(`breakdowns[${index}]`, `breakdown ${keyName} is repeated`);
    }
    const column = resolver.resolve(keyName) ?? missingColumn(keyName);
    return { keyName, column, alias: `b${index}` };
  });
  const labels = new Set(spec.breakdowns);
  const calculations = specCalculations.map((calculation, index) => {
    const planned = planCalculation(calculation, index, resolver);
    if (labels.has(planned.label)) {
      const field = `calculations[${index}]${calculation.name === undefined ? '' : '.name'}`;
      throw new QueryValidationError(
        field,
        `${field}: ${planned.label} names another calculation or a breakdown; give it a distinct name`,
      );
    }
    labels.add(planned.label);
    return planned;
  });
  const findCalculation = (op: CalculationOp, column: string | undefined) =>
    calculations.find((c) => c.op === op && c.keyName === column);

  const orderBy: string[] = [];
  spec.orders.forEach((order, index) => {
    const direction = order.order === 'descending' ? 'DESC' : 'ASC';
    const field = `orders[${index}]`;
    if (order.op === 'HEATMAP') {
      throw new QueryValidationError(
        `${field}.op`,
        `${field}: results cannot be ordered by a HEATMAP`,
      );
    }
    if (order.op !== undefined) {
      const match = findCalculation(order.op, order.column);
      if (match === undefined) {
        throw new QueryValidationError(
          field,
          `${field}: ${calculationLabel(order.op, order.column)} is not one of the calculations`,
        );
      }
      orderBy.push(`${match.alias} ${direction}`);
      return;
    }
    const breakdown = breakdowns.find((b) => b.keyName === order.column);
    if (breakdown === undefined) {
      throw new QueryValidationError(
        field,
        `${field}: an order names a calculation (op) or one of the breakdowns (column)`,
      );
    }
    orderBy.push(`${breakdown.alias} ${direction}`);
  });
  if (orderBy.length === 0) {
    // Default: the first calculation, largest first (Honeycomb's table shows the top groups).
    const first = calculations.find((c) => c.op !== 'HEATMAP');
    orderBy.push(first === undefined ? 'count(*) DESC' : `${first.alias} DESC`);
  }
  // Breakdowns break ties so equal aggregates come back in a stable order.
  for (const breakdown of breakdowns) {
    if (!orderBy.some((term) => term.startsWith(`${breakdown.alias} `))) {
      orderBy.push(`${breakdown.alias} ASC`);
    }
  }

  const havings = spec.havings.map((having, index): PlannedHaving => {
    const field = `havings[${index}]`;
    if (having.calculate_op === 'HEATMAP') {
      throw new QueryValidationError(
        `${field}.calculate_op`,
        `${field}: a having cannot test a HEATMAP`,
      );
    }
    const match = findCalculation(having.calculate_op, having.column);
    if (match === undefined) {
      throw new QueryValidationError(
        field,
        `${field}: ${calculationLabel(having.calculate_op, having.column)} is not one of the calculations`,
      );
    }
    return { alias: match.alias, op: having.op, value: having.value };
  });
  return { calculations, breakdowns, orderBy, havings };
}

function planCalculation(
  calculation: QueryCalculation,
  index: number,
  resolver: ColumnResolver,
): PlannedCalculation {
  const { op, column: keyName } = calculation;
  const field = `calculations[${index}].column`;
  const label = calculation.name ?? calculationLabel(op, keyName);
  const alias = `c${index}`;
  if (keyName === undefined) {
    if (needsColumn(op)) throw new QueryValidationError(field, `${field}: ${op} needs a column`);
    return { op, keyName, column: undefined, label, alias };
  }
  const resolved = resolver.resolve(keyName);
  if (!needsNumericColumn(op)) {
    return { op, keyName, column: resolved ?? missingColumn(keyName), label, alias };
  }
  if (resolved === undefined) {
    throw new QueryValidationError(field, `${field}: unknown column ${keyName}`);
  }
  if (resolved.type !== 'integer' && resolved.type !== 'float') {
    throw new QueryValidationError(
      field,
      `${field}: ${op} needs a numeric column; ${keyName} is ${resolved.type}`,
    );
  }
  return { op, keyName, column: resolved, label, alias };
}
