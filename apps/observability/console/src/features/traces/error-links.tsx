import { Link } from 'react-router-dom';
import type { TraceErrorOccurrence } from './trace-api.js';

/** Links from a trace (or one of its spans) to the errors reported in it. */
export function ErrorLinks({ errors }: { errors: readonly TraceErrorOccurrence[] }) {
  return (
    <ul className="error-links">
      {errors.map((e) => (
        <li key={e.id}>
          <Link to={`/errors/${e.itemId}?occurrence=${e.id}`}>
            {e.level}: {e.exceptionClass ?? 'error'}
            {e.message ? `: ${e.message}` : ''}
          </Link>
        </li>
      ))}
    </ul>
  );
}
