import { useCallback, useEffect, useState } from 'react';

export type ApiData<T> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; data: T };

/**
 * Loads data for a page and tracks loading and error states. A newer load (or leaving the page)
 * aborts the older one, so a slow answer never overwrites a fresh one. `key` changes trigger a
 * reload; `reload()` does it on demand, and `setData` applies a local change (a new crud).
 */
export function useApiData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): { state: ApiData<T>; reload: () => void; setData: (update: (data: T) => T) => void } {
  const [state, setState] = useState<ApiData<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const setData = useCallback(
    (update: (data: T) => T) =>
      setState((current) =>
        current.status === 'ready' ? { status: 'ready', data: update(current.data) } : current,
      ),
    [],
  );
  return { state, reload, setData };
}
