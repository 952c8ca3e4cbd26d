/**
 * Replaces literal values in SQL with `?` so `db.query.text` never carries user data, as the
 * database semantic conventions ask. Placeholders (`$1`), identifiers (`"name"`, `col1`) and
 * casts stay. Repository SQL is parameterized already; this guards migrations, seeds and any
 * literal that slips in.
 */
export function sanitizeSql(sql: string): string {
  return sql.replace(
    /('(?:[^']|'')*')|("(?:[^"]|"")*")|(\$\d+)|([A-Za-z_][A-Za-z0-9_$]*)|(-?\b\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b)/g,
    (match, stringLiteral: string | undefined, _quoted, _placeholder, _identifier, number) =>
      stringLiteral !== undefined || number !== undefined ? '?' : match,
  );
}
