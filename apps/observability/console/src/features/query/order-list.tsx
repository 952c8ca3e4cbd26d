import { removeAt, replaceAt } from './list-edit.js';
import { calculationLabel } from './query-ops.js';
import type { Calculation, Order } from './query-state.js';

/** ORDER BY: each term names a group-by column or a calculation, as the query API requires. */
export function OrderList({
  value,
  breakdowns,
  calculations,
  onChange,
}: {
  readonly value: readonly Order[];
  readonly breakdowns: readonly string[];
  readonly calculations: readonly Calculation[];
  readonly onChange: (next: Order[]) => void;
}) {
  const choices: { key: string; term: Omit<Order, 'order'> }[] = [
    ...breakdowns.filter((b) => b !== '').map((column) => ({ key: column, term: { column } })),
    ...calculations
      .filter((c) => c.op !== 'HEATMAP')
      .map((c) => ({
        key: calculationLabel(c.op, c.column),
        term: c.column ? { op: c.op, column: c.column } : { op: c.op },
      })),
  ];
  const keyOf = (o: Order) => (o.op ? calculationLabel(o.op, o.column) : (o.column ?? ''));
  return (
    <fieldset className="clause">
      <legend>Order by</legend>
      {value.map((order, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond position
        <div className="clause-row" key={i}>
          <select
            aria-label={`Order ${i + 1} term`}
            value={keyOf(order)}
            onChange={(e) => {
              const choice = choices.find((c) => c.key === e.target.value);
              if (choice) onChange(replaceAt(value, i, { ...choice.term, order: order.order }));
            }}
          >
            {choices.some((c) => c.key === keyOf(order)) ? null : (
              <option value={keyOf(order)}>{keyOf(order) || '(choose)'}</option>
            )}
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.key}
              </option>
            ))}
          </select>
          <select
            aria-label={`Order ${i + 1} direction`}
            value={order.order}
            onChange={(e) =>
              onChange(
                replaceAt(value, i, {
                  ...order,
                  order: e.target.value as Order['order'],
                }),
              )
            }
          >
            <option value="descending">descending</option>
            <option value="ascending">ascending</option>
          </select>
          <button
            type="button"
            aria-label={`Remove order ${i + 1}`}
            onClick={() => onChange(removeAt(value, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        disabled={choices.length === 0}
        onClick={() => {
          const first = choices[0];
          if (first) onChange([...value, { ...first.term, order: 'descending' }]);
        }}
      >
        + Order
      </button>
    </fieldset>
  );
}
