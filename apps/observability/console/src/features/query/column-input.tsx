/** The id of the one `<datalist>` of column names the builder's inputs autocomplete from. */
export const COLUMNS_LIST_ID = 'query-columns';

export function ColumnInput({
  label,
  value,
  onChange,
  placeholder = 'column',
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
}) {
  return (
    <input
      className="column-input"
      aria-label={label}
      list={COLUMNS_LIST_ID}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function ColumnsDatalist({ columns }: { readonly columns: readonly string[] }) {
  return (
    <datalist id={COLUMNS_LIST_ID}>
      {columns.map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  );
}
