import { valueText } from '../../shared/format.js';

/** Keys and values as text, whatever they contain (never markup). */
export function AttributeTable({
  label,
  values,
}: {
  readonly label: string;
  readonly values: Record<string, unknown>;
}) {
  const keys = Object.keys(values).sort();
  if (keys.length === 0) return <p className="muted">No {label.toLowerCase()}.</p>;
  return (
    <table className="attribute-table" aria-label={label}>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td className="attribute-value">{valueText(values[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
