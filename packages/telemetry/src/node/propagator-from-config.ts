import type { TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import type { TelemetryConfig } from './telemetry-config.js';

/**
 * The propagators named by `OTEL_PROPAGATORS` (default `tracecontext,baggage,xray`; `none` turns
 * propagation off). B3 and Jaeger are rejected at start-up rather than silently ignored.
 * Outgoing requests carry both `traceparent` and `X-Amzn-Trace-Id`; when an incoming request
 * carries both, `traceparent` wins (extractors run in order and the last valid one sets the parent).
 *
 * @example
 * propagatorFromConfig(['tracecontext']).fields(); // ['traceparent', 'tracestate']
 */
export function propagatorFromConfig(names: TelemetryConfig['propagators']): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  if (!names.includes('none')) {
    if (names.includes('xray')) propagators.push(new AWSXRayPropagator());
    if (names.includes('tracecontext')) propagators.push(new W3CTraceContextPropagator());
    if (names.includes('baggage')) propagators.push(new W3CBaggagePropagator());
  }
  return new CompositePropagator({ propagators });
}
