const STORAGE_KEY = 'cruddur.console.queryKey';

/** The query key lives for the browser tab only (sessionStorage), never in localStorage or a URL. */
export function readQueryKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveQueryKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key.trim());
}

export function forgetQueryKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
