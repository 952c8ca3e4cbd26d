import { useEffect, useState } from 'react';

export const TRACE_FILTER_KEYS = ['service', 'name', 'minMs', 'maxMs', 'status', 'attr'] as const;
export type TraceFilters = Partial<Record<(typeof TRACE_FILTER_KEYS)[number], string>>;

/** Service, span name, duration range, status and one attribute = value. Enter searches. */
export function TraceSearchForm({
  value,
  services,
  onSearch,
}: {
  readonly value: TraceFilters;
  readonly services: readonly string[];
  readonly onSearch: (filters: TraceFilters) => void;
}) {
  const [draft, setDraft] = useState<TraceFilters>(value);
  useEffect(() => setDraft(value), [value]);
  const field = (key: keyof TraceFilters) => ({
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  return (
    <form
      className="trace-search"
      aria-label="Search traces"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft);
      }}
    >
      <label>
        Service
        <select aria-label="Service" {...field('service')}>
          <option value="">any</option>
          {services.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Span name
        <input aria-label="Span name" placeholder="contains…" {...field('name')} />
      </label>
      <label>
        Min ms
        <input aria-label="Minimum duration (ms)" type="number" min={0} {...field('minMs')} />
      </label>
      <label>
        Max ms
        <input aria-label="Maximum duration (ms)" type="number" min={0} {...field('maxMs')} />
      </label>
      <label>
        Status
        <select aria-label="Status" {...field('status')}>
          <option value="">any</option>
          <option value="error">error</option>
          <option value="ok">ok</option>
          <option value="unset">unset</option>
        </select>
      </label>
      <label>
        Attribute
        <input aria-label="Attribute" placeholder="app.userId=worf" {...field('attr')} />
      </label>
      <button type="submit" className="primary">
        Search
      </button>
    </form>
  );
}
