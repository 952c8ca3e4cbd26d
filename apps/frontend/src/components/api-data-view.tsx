import type { ReactNode } from 'react';
import type { ApiData } from '../lib/use-api-data.js';
import { ErrorMessage } from './error-message.js';
import { LoadingState } from './loading-state.js';

/** A page's data as it arrives: loading, the API's error with a retry, or what `children` draws. */
export function ApiDataView<T>({
  state,
  what,
  retry,
  children,
}: {
  state: ApiData<T>;
  /** What is loading, as in "Loading your feed…". */
  what: string;
  retry: () => void;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <LoadingState what={what} />;
  if (state.status === 'error') return <ErrorMessage error={state.error} retry={retry} />;
  return children(state.data);
}
