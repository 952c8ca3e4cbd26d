import type { Attributes } from './attributes.js';

export interface InstrumentationScope {
  readonly name: string;
  readonly version: string;
  readonly attributes: Attributes;
}

/** Where a group of spans or log records came from: the OTLP resource and instrumentation scope. */
export interface ResourceScope {
  readonly resource: Attributes;
  readonly scope: InstrumentationScope;
  readonly schemaUrl: string;
}
