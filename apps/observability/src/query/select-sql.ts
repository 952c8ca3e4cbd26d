/** The clauses of one SELECT; every string is SQL the compiler built, never user text. */
export interface SelectParts {
  readonly with?: readonly string[];
  readonly select: readonly string[];
  readonly from: readonly string[];
  readonly where: readonly string[];
  readonly groupBy?: boolean;
  readonly having?: readonly string[];
  readonly orderBy?: readonly string[];
  readonly limit?: string;
}

/** Lays a SELECT out the way a person would write it, one clause per line, for golden files. */
export function selectSql(parts: SelectParts): string {
  const lines: string[] = [];
  if (parts.with !== undefined && parts.with.length > 0) {
    lines.push(`WITH ${parts.with.join(',\n')}`);
  }
  lines.push(`SELECT ${parts.select.join(',\n  ')}`);
  lines.push(`FROM ${parts.from.join('\n')}`);
  if (parts.where.length > 0) lines.push(`WHERE ${parts.where.join('\n  AND ')}`);
  if (parts.groupBy === true) lines.push('GROUP BY ALL');
  if (parts.having !== undefined && parts.having.length > 0) {
    lines.push(`HAVING ${parts.having.join(' AND ')}`);
  }
  if (parts.orderBy !== undefined && parts.orderBy.length > 0) {
    lines.push(`ORDER BY ${parts.orderBy.join(', ')}`);
  }
  if (parts.limit !== undefined) lines.push(`LIMIT ${parts.limit}`);
  return lines.join('\n');
}

/** Indents a statement to nest it inside a CTE. */
export function indent(sql: string): string {
  return sql.replaceAll('\n', '\n  ');
}
