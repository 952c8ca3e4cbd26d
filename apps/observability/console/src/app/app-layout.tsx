import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { onKeyRequired } from '../shared/api-client.js';
import { forgetQueryKey, readQueryKey, saveQueryKey } from '../shared/query-key.js';

const NAV = [
  ['/', 'Overview'],
  ['/query', 'Query'],
  ['/traces', 'Traces'],
  ['/map', 'Service map'],
  ['/errors', 'Errors'],
  ['/logs', 'Logs'],
] as const;

/** Navigation, the query-key prompt, and the current view. */
export function AppLayout() {
  const [hasKey, setHasKey] = useState(readQueryKey() !== undefined);
  const [asking, setAsking] = useState(false);
  useEffect(() => onKeyRequired(() => setAsking(true)), []);
  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">Cruddur observability</span>
        <nav aria-label="Views">
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'}>
              {label}
            </NavLink>
          ))}
        </nav>
        <button type="button" className="key-button" onClick={() => setAsking(true)}>
          {hasKey ? 'Query key ✓' : 'Query key'}
        </button>
      </header>
      {asking ? (
        <KeyPrompt
          hasKey={hasKey}
          onDone={(key) => {
            if (key === undefined) forgetQueryKey();
            else saveQueryKey(key);
            setHasKey(key !== undefined);
            setAsking(false);
            if (key !== undefined) window.location.reload();
          }}
          onCancel={() => setAsking(false)}
        />
      ) : null}
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

function KeyPrompt({
  hasKey,
  onDone,
  onCancel,
}: {
  readonly hasKey: boolean;
  readonly onDone: (key: string | undefined) => void;
  readonly onCancel: () => void;
}) {
  const [key, setKey] = useState('');
  return (
    <form
      className="key-prompt"
      aria-label="Query key"
      onSubmit={(e) => {
        e.preventDefault();
        if (key.trim() !== '') onDone(key.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <p>
        This server requires a <strong>query key</strong> to read. It is kept for this browser tab
        only (sessionStorage).
      </p>
      <input
        type="password"
        aria-label="Query key value"
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the prompt exists to take this one input
        autoFocus
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      <button type="submit">Use key</button>
      {hasKey ? (
        <button type="button" onClick={() => onDone(undefined)}>
          Forget key
        </button>
      ) : null}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
