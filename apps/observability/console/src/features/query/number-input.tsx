import { useEffect, useState } from 'react';

/**
 * A number field that lets the user clear it and type afresh: the text is kept while it is not a
 * valid number, and only valid values (within `min`…`max`) reach `onChange`.
 */
export function NumberInput({
  label,
  value,
  min,
  max,
  onChange,
}: {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly onChange: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText((old) => (Number(old) === value ? old : String(value))), [value]);
  return (
    <input
      type="number"
      min={min}
      max={max}
      aria-label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max)
          onChange(n);
      }}
    />
  );
}
