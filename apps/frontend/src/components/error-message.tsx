import { ApiError } from '../lib/api-error.js';
import { errorLines } from '../lib/error-messages.js';

/** Shows what went wrong, with the API's status and codes, and a way to try again. */
export function ErrorMessage({ error, retry }: { error: Error; retry?: () => void }) {
  const lines = errorLines(error);
  return (
    <div className="error-message" role="alert">
      <strong>
        {error instanceof ApiError && error.status > 0
          ? `The API answered ${error.status}`
          : 'Something went wrong'}
      </strong>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {error instanceof ApiError && error.codes.length > 0 && error.message !== lines[0] ? (
        <p className="error-detail">{error.message}</p>
      ) : null}
      {retry ? (
        <button type="button" className="button-secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
