import { ApiError } from './api-error.js';

/** An API failure shown plainly: what the server said, and what to do about a missing key. */
export function ErrorBanner({ error }: { readonly error: Error }) {
  const hint =
    error instanceof ApiError && error.needsKey
      ? ' Enter a query key with the button at the top right.'
      : '';
  return (
    <div className="error-banner" role="alert">
      <strong>
        Error{error instanceof ApiError && error.status > 0 ? ` ${error.status}` : ''}:
      </strong>{' '}
      {error.message}
      {hint}
    </div>
  );
}
