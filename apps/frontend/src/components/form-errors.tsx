import { errorLines } from '../lib/error-messages.js';

/** A form's problems: its own check of the draft, or what the API answered. */
export function FormErrors({ problem, error }: { problem?: string | undefined; error?: Error }) {
  const lines = problem ? [problem] : error ? errorLines(error) : [];
  if (lines.length === 0) return null;
  return (
    <ul className="form-errors" role="alert">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
