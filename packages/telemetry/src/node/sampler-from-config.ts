import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { TelemetryConfig } from './telemetry-config.js';

/**
 * The sampler named by `OTEL_TRACES_SAMPLER` (`OTEL_TRACES_SAMPLER_ARG` for the ratio ones);
 * unset means the spec's default, `parentbased_always_on`.
 *
 * @example
 * samplerFromConfig({ name: 'parentbased_traceidratio', ratio: 0.1 });
 */
export function samplerFromConfig(sampler: TelemetryConfig['sampler']): Sampler {
  switch (sampler.name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(sampler.ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampler.ratio) });
    case 'parentbased_always_on':
    case undefined:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}
