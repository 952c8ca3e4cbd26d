import type { StackTrace } from './rollbar-payload.js';

/** Exception class, message and frames, innermost call last as Rollbar lists them. */
export function StackTraceView({ trace }: { readonly trace: StackTrace }) {
  return (
    <div className="stack-trace">
      <p>
        <strong>{trace.exception.class ?? 'Error'}</strong>
        {trace.exception.message ? `: ${trace.exception.message}` : ''}
      </p>
      <ol className="frames">
        {trace.frames.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: frames repeat in recursion
          <li key={i}>
            <span className="mono">
              {f.filename ?? '?'}:{f.lineno ?? '?'}
              {f.colno !== undefined ? `:${f.colno}` : ''}
            </span>{' '}
            in <span className="mono">{f.method ?? '?'}</span>
            {f.code ? <pre className="code-block">{f.code}</pre> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
