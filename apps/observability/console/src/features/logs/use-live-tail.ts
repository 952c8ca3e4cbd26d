import { useEffect, useRef, useState } from 'react';
import { filterLogEvents, type LogEventView } from './logs-api.js';

const POLL_MS = 2000;
const MAX_KEPT = 2000;

/**
 * Live tail by polling FilterLogEvents every two seconds from the newest event seen; events
 * already shown are skipped by id, since a poll re-reads the boundary millisecond.
 */
export function useLiveTail(enabled: boolean, groups: readonly string[], pattern: string) {
  const [events, setEvents] = useState<LogEventView[]>([]);
  const [error, setError] = useState<Error>();
  const seen = useRef(new Set<string>());
  const key = `${groups.join('\u0000')}|${pattern}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for groups and pattern
  useEffect(() => {
    if (!enabled || groups.length === 0) return;
    seen.current = new Set();
    setEvents([]);
    setError(undefined);
    let since = Date.now() - 60_000;
    let stopped = false;
    const poll = async () => {
      try {
        const now = Date.now();
        const fresh = (await filterLogEvents(groups, pattern, since, now + 1)).filter(
          (e) => !seen.current.has(e.eventId),
        );
        if (stopped) return;
        for (const e of fresh) {
          seen.current.add(e.eventId);
          since = Math.max(since, e.timestamp);
        }
        if (fresh.length > 0) setEvents((old) => [...old, ...fresh].slice(-MAX_KEPT));
        setError(undefined);
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e : new Error(String(e)));
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled, key]);
  return { events, error };
}
