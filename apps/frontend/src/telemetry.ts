import { type BrowserTelemetry, startBrowserTelemetry } from '@cruddur/telemetry/browser';
import Rollbar from 'rollbar/src/browser/core';
import scrub from 'rollbar/src/scrub';
import truncation from 'rollbar/src/truncation';
import { config } from './config/env.js';
import { currentUserHandle } from './lib/current-user.js';

/**
 * Browser telemetry, started before React attaches its event listeners (or clicks would not be
 * traced): OpenTelemetry spans to the OTLP endpoint, and Rollbar for uncaught errors and
 * unhandled rejections, each error carrying the person and the trace it happened in.
 */
export function startTelemetry(): void {
  const tracing = config.telemetryEnabled ? startTracing() : undefined;
  startErrorReporting(tracing);
}

function startTracing(): BrowserTelemetry | undefined {
  try {
    return startBrowserTelemetry({
      serviceName: config.serviceName,
      tracesUrl: config.otlpTracesUrl,
      ingestKey: config.otlpIngestKey,
      propagateTo: [config.backendUrl],
      userId: currentUserHandle,
      ignoreUrls: [config.rollbar.endpoint],
    });
  } catch (error) {
    // The app works without traces; a broken telemetry setup must not take the page down.
    console.warn('telemetry is off:', error);
    return undefined;
  }
}

function startErrorReporting(tracing: BrowserTelemetry | undefined): void {
  // Rollbar's core with scrubbing and truncation only: its breadcrumbs, global wrappers and
  // tracing would double what OpenTelemetry records and cost 15 KB gzip more.
  Rollbar.setComponents({ scrub, truncation });
  new Rollbar({
    accessToken: config.rollbar.accessToken,
    endpoint: config.rollbar.endpoint,
    environment: config.rollbar.environment,
    captureUncaught: true,
    captureUnhandledRejections: true,
    transform: (data) => {
      const handle = currentUserHandle();
      data.person = { id: handle, username: handle };
      const traceId = tracing?.currentTraceId();
      if (traceId !== undefined) {
        data.custom = { ...(data.custom as object | undefined), trace_id: traceId };
      }
    },
  });
}
