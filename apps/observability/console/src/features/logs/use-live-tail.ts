import { useEffect, useRef, useState } from 'react';
import { filterLogEvents, type LogEventView } from './logs-api.js';

const POLL_MS = 2000;
const MAX_KEPT = 2000;

/**
 * Live tail by polling FilterLogEvents every two seconds from the newest event seen; events
 * already shown are skipped by id, since a poll re-reads the boundary millisecond. Only ids at
 * or after that millisecond can come back, so older ones are forgotten and the set stays small.
 */
export function useLiveTail(enabled: boolean, groups: readonly string[], pattern: string) {
  const [events, setEvents] = useState<LogEventView[]>([]);
  const [error, setError] = useState<Error>();
  const seen = useRef(new Map<string, number>());
  const key = `${groups.join('\u0000')}|${pattern}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for groups and pattern
  useEffect(() => {
    if (!enabled || groups.length === 0) return;
    seen.current = new Map();
    setEvents([]);
    setError(undefined);
    let since = Date.now() - 60_000;
    let stopped = false;
    let polling = false;
    const poll = async () => {
      if (polling) return; // a slow poll is still running: skip this tick
      polling = true;
      try {
        const now = Date.now();
        const fresh = (await filterLogEvents(groups, pattern, since, now + 1)).filter(
          (e) => !seen.current.has(e.eventId),
        );
        if (stopped) return;
        for (const e of fresh) {
          seen.current.set(e.eventId, e.timestamp);
          since = Math.max(since, e.timestamp);
        }
        for (const [id, timestamp] of seen.current) {
          if (timestamp < since) seen.current.delete(id);
        }
        if (fresh.length > 0) setEvents((old) => [...old, ...fresh].slice(-MAX_KEPT));
        setError(undefined);
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e : new Error(String(e)));
      } finally {
        polling = false;
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
