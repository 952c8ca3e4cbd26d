import type { ServerConfig } from '../config.js';
import type { TelemetryStore } from '../store/telemetry-store.js';
import type { XrayServices } from '../xray/xray-services.js';

/** What the route modules receive from the composition root. */
export interface AppDeps {
  readonly store: TelemetryStore;
  readonly xray: XrayServices;
  readonly config: Pick<
    ServerConfig,
    'maxBodyBytes' | 'ingestKeys' | 'queryKeys' | 'rollbarTokens'
  > & {
    readonly corsOrigins: readonly string[];
  };
  /** Milliseconds since the epoch; injected so tests can pin time. */
  readonly now: () => number;
}
