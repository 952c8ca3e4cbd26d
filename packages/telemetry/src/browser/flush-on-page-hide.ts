/**
 * Flushes pending spans when the page is hidden or unloaded: the last click before the user
 * leaves is the one most worth keeping. The OTLP fetch transport sends with `keepalive`, so the
 * request outlives the page. Returns a function that removes the listeners.
 */
export function flushOnPageHide(flush: () => Promise<void>): () => void {
  const onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') void flush().catch(() => undefined);
  };
  const onPageHide = (): void => void flush().catch(() => undefined);
  document.addEventListener('visibilitychange', onVisibilityChange);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    document.removeEventListener('visibilitychange', onVisibilityChange);
    window.removeEventListener('pagehide', onPageHide);
  };
}
