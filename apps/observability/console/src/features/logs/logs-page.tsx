import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorBanner } from '../../shared/error-banner.js';
import { withParams } from '../../shared/search-params.js';
import { SendInstructions } from '../../shared/send-instructions.js';
import { readPageRange, resolvePageRange, writePageRange } from '../../shared/time-range.js';
import { TimeRangePicker } from '../../shared/time-range-picker.js';
import { useAsync } from '../../shared/use-async.js';
import { LogEventRow } from './log-event-row.js';
import { LogGroupList } from './log-group-list.js';
import {
  describeLogGroups,
  describeLogStreams,
  filterLogEvents,
  getLogEvents,
  type LogEventView,
} from './logs-api.js';
import { useLiveTail } from './use-live-tail.js';

/**
 * `/logs?groups=a,b&pattern=…&range=…[&group=g&stream=s][&at=ms][&tail=1]`: log groups → streams
 * → events, a filter-pattern search across the chosen groups (CloudWatch and OTLP alike), and
 * live tail.
 */
export function LogsPage() {
  const [params, setParams] = useSearchParams();
  const range = readPageRange(params);
  const pattern = params.get('pattern') ?? '';
  const browseGroup = params.get('group') ?? undefined;
  const stream = params.get('stream') ?? undefined;
  const at = Number(params.get('at')) || undefined;
  const tail = params.get('tail') === '1';
  const groups = useAsync(() => describeLogGroups(), []);
  const all = groups.state.status === 'done' ? groups.state.value : [];
  const chosen = useMemo(
    () => new Set((params.get('groups') ?? '').split(',').filter(Boolean)),
    [params],
  );
  const searchGroups = chosen.size > 0 ? [...chosen] : all;
  const [draftPattern, setDraftPattern] = useState(pattern);
  useEffect(() => setDraftPattern(pattern), [pattern]);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(withParams(params, changes));

  const streams = useAsync(
    async () => (browseGroup ? (await describeLogStreams(browseGroup)).logStreams : []),
    [browseGroup],
  );
  const events = useAsync(async (): Promise<LogEventView[]> => {
    if (tail) return [];
    const { startMs, endMs } = resolvePageRange(range);
    if (browseGroup && stream) return getLogEvents(browseGroup, stream, startMs, endMs);
    if (searchGroups.length === 0) return [];
    return filterLogEvents(searchGroups, pattern, startMs, endMs);
  }, [params.toString(), searchGroups.join(',')]);
  const live = useLiveTail(tail, searchGroups, pattern);
  const shown = tail ? live.events : events.state.status === 'done' ? events.state.value : [];

  const highlightRef = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll once the events are in the DOM
  useEffect(() => {
    highlightRef.current?.querySelector('.highlighted')?.scrollIntoView({ block: 'center' });
  }, [shown]);

  return (
    <div className="logs-page">
      <h1>Logs</h1>
      <form
        className="toolbar"
        aria-label="Search logs"
        onSubmit={(e) => {
          e.preventDefault();
          update({ pattern: draftPattern, stream: undefined, at: undefined });
        }}
      >
        <input
          className="pattern-input"
          aria-label="Filter pattern"
          placeholder={'filter pattern, e.g. ERROR  or  { $.level = "error" }'}
          value={draftPattern}
          onChange={(e) => setDraftPattern(e.target.value)}
        />
        <button type="submit" className="primary">
          Search
        </button>
        <label>
          <input
            type="checkbox"
            checked={tail}
            onChange={() => update({ tail: tail ? undefined : '1' })}
          />{' '}
          Live tail
        </label>
      </form>
      <div className="toolbar">
        <TimeRangePicker value={range} onChange={(r) => setParams(writePageRange(params, r))} />
      </div>
      {groups.state.status === 'failed' ? <ErrorBanner error={groups.state.error} /> : null}
      {groups.state.status === 'done' && all.length === 0 ? <SendInstructions what="logs" /> : null}
      <div className="logs-layout">
        <aside>
          <h2>Log groups</h2>
          <LogGroupList
            groups={all}
            selected={chosen}
            browsing={browseGroup}
            onToggle={(g) => {
              const next = new Set(chosen);
              if (next.has(g)) next.delete(g);
              else next.add(g);
              update({ groups: [...next].join(',') });
            }}
            onBrowse={(g) => update({ group: g, stream: undefined })}
          />
          {browseGroup ? (
            <>
              <h2>Streams of {browseGroup}</h2>
              {streams.state.status === 'failed' ? (
                <ErrorBanner error={streams.state.error} />
              ) : null}
              <ul className="log-streams" aria-label="Log streams">
                {streams.state.status === 'done'
                  ? streams.state.value.map((s) => (
                      <li
                        key={s.logStreamName}
                        className={s.logStreamName === stream ? 'selected' : undefined}
                      >
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => update({ stream: s.logStreamName })}
                        >
                          {s.logStreamName}
                        </button>
                      </li>
                    ))
                  : null}
              </ul>
            </>
          ) : null}
        </aside>
        <section aria-label="Log events">
          <p className="muted">
            {tail
              ? `Live tail of ${searchGroups.length} groups (every 2 s)…`
              : browseGroup && stream
                ? `Events of ${browseGroup} / ${stream}`
                : `Searching ${searchGroups.length} groups${pattern ? ` for ${pattern}` : ''}`}
          </p>
          {events.state.status === 'loading' && !tail ? <p role="status">Loading…</p> : null}
          {events.state.status === 'failed' ? <ErrorBanner error={events.state.error} /> : null}
          {live.error ? <ErrorBanner error={live.error} /> : null}
          {shown.length === 0 && events.state.status === 'done' ? (
            <p className="empty-state">No events in this time range.</p>
          ) : null}
          <div ref={highlightRef}>
            <ol className="log-events">
              {shown.map((e) => (
                <LogEventRow
                  key={e.eventId}
                  event={e}
                  highlighted={at !== undefined && e.timestamp === at}
                />
              ))}
            </ol>
          </div>
        </section>
      </div>
    </div>
  );
}
