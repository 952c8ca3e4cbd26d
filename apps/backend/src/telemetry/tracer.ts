import { trace } from '@opentelemetry/api';

/**
 * The app's only tracer. App code uses `@opentelemetry/api` alone; whichever SDK is registered
 * (packages/telemetry in production, an in-memory provider in tests) receives the spans, and with
 * none registered every span is a no-op.
 */
export const tracer = trace.getTracer('cruddur-backend');
