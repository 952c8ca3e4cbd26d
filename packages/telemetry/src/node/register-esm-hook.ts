import { register } from 'node:module';

let registered = false;

/**
 * Installs import-in-the-middle's loader hook so instrumentations can patch modules loaded with
 * `import` (require-in-the-middle only sees `require`). It affects only modules imported after
 * this call, which is why the app must be imported after `startTelemetry` (see the package
 * README in the report: `await import('./app.js')`).
 *
 * @example
 * registerEsmHook(); // idempotent
 */
export function registerEsmHook(): void {
  if (registered) return;
  registered = true;
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
}
