import { useEffect, useState } from 'react';
import {
  fromLocalInput,
  type PageRange,
  resolvePageRange,
  TIME_PRESETS,
  toLocalInput,
} from './time-range.js';

/** Presets and an absolute range; `onChange` receives the new range when the user applies it. */
export function TimeRangePicker({
  value,
  onChange,
}: {
  readonly value: PageRange;
  readonly onChange: (range: PageRange) => void;
}) {
  const resolved = resolvePageRange(value);
  const [start, setStart] = useState(toLocalInput(resolved.startMs));
  const [end, setEnd] = useState(toLocalInput(resolved.endMs));
  const presetValue = value.kind === 'relative' ? String(value.seconds) : 'absolute';
  // The absolute fields follow the range shown, so switching to them starts from it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resolved changes on every render
  useEffect(() => {
    setStart(toLocalInput(resolved.startMs));
    setEnd(toLocalInput(resolved.endMs));
  }, [
    presetValue,
    value.kind === 'absolute' ? value.startMs : 0,
    value.kind === 'absolute' ? value.endMs : 0,
  ]);
  const applyAbsolute = () => {
    const s = fromLocalInput(start);
    const t = fromLocalInput(end);
    if (s !== undefined && t !== undefined && s < t) {
      onChange({ kind: 'absolute', startMs: s, endMs: t });
    }
  };
  return (
    <fieldset className="time-range">
      <legend>Time range</legend>
      <select
        aria-label="Time range preset"
        value={presetValue}
        onChange={(e) => {
          if (e.target.value === 'absolute') applyAbsolute();
          else onChange({ kind: 'relative', seconds: Number(e.target.value) });
        }}
      >
        {TIME_PRESETS.map((p) => (
          <option key={p.seconds} value={p.seconds}>
            {p.label}
          </option>
        ))}
        {!TIME_PRESETS.some((p) => String(p.seconds) === presetValue) &&
        presetValue !== 'absolute' ? (
          <option value={presetValue}>Last {presetValue} s</option>
        ) : null}
        <option value="absolute">Absolute…</option>
      </select>
      <label>
        from{' '}
        <input
          type="datetime-local"
          aria-label="Start time"
          value={start}
          onChange={(e) => setStart(e.target.value)}
        />
      </label>
      <label>
        to{' '}
        <input
          type="datetime-local"
          aria-label="End time"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
        />
      </label>
      <button type="button" onClick={applyAbsolute}>
        Apply range
      </button>
    </fieldset>
  );
}
