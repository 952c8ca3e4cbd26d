/** Log groups with a checkbox each (which groups a search covers) and a button to browse one. */
export function LogGroupList({
  groups,
  selected,
  browsing,
  onToggle,
  onBrowse,
}: {
  readonly groups: readonly string[];
  readonly selected: ReadonlySet<string>;
  readonly browsing: string | undefined;
  readonly onToggle: (group: string) => void;
  readonly onBrowse: (group: string) => void;
}) {
  return (
    <ul className="log-groups" aria-label="Log groups">
      {groups.map((g) => (
        <li key={g} className={g === browsing ? 'selected' : undefined}>
          <input
            type="checkbox"
            aria-label={`Search ${g}`}
            checked={selected.has(g)}
            onChange={() => onToggle(g)}
          />
          <button type="button" className="link-button" onClick={() => onBrowse(g)}>
            {g}
          </button>
        </li>
      ))}
    </ul>
  );
}
