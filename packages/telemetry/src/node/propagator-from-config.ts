import type { TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import type { TelemetryConfig } from './telemetry-config.js';

/**
 * The propagators named by `OTEL_PROPAGATORS` (default `tracecontext,baggage`; `none` turns
 * propagation off). B3 and Jaeger are rejected at start-up rather than silently ignored.
 *
 * @example
 * propagatorFromConfig(['tracecontext']).fields(); // ['traceparent', 'tracestate']
 */
export function propagatorFromConfig(names: TelemetryConfig['propagators']): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  if (!names.includes('none')) {
    if (names.includes('tracecontext')) propagators.push(new W3CTraceContextPropagator());
    if (names.includes('baggage')) propagators.push(new W3CBaggagePropagator());
  }
  return new CompositePropagator({ propagators });
}
