import type { z } from 'zod';
import type { OtlpDestination } from '../otlp-destination.js';
import { type DaemonAddress, defaultDaemonAddress } from './daemon-address.js';
import type { xrayEnvShape } from './xray-env-schema.js';

type XrayEnv = z.infer<z.ZodObject<typeof xrayEnvShape>>;

/** Attributes indexed as annotations on every span: the signed-in user, as the seeds filter by it. */
export const DEFAULT_ANNOTATION_KEYS = ['app.user_handle'];

/** The X-Ray export, when it is on. */
export interface XrayConfig {
  daemon: DaemonAddress;
  chosenBy: 'daemon-address' | 'local-default';
  /** `AWS_XRAY_URL`: server spans whose Host matches are named by the Host (`*` and `?` wildcards). */
  dynamicNamingPattern: string | undefined;
  /** Attribute keys copied to `annotations` (when their values qualify). */
  annotationKeys: string[];
}

/**
 * X-Ray export is on when `AWS_XRAY_DAEMON_ADDRESS` is set, or when the OTLP spans go to the local
 * observability server by default: that server is also an X-Ray daemon on 127.0.0.1:2000.
 *
 * @example
 * xrayConfigFrom({ AWS_XRAY_DAEMON_ADDRESS: undefined, AWS_XRAY_URL: undefined, XRAY_ANNOTATION_KEYS: [] },
 *   { otlpChosenBy: 'honeycomb-api-key', otlpExporting: true }); // undefined
 */
export function xrayConfigFrom(
  env: XrayEnv,
  target: { otlpChosenBy: OtlpDestination['chosenBy']; otlpExporting: boolean },
): XrayConfig | undefined {
  const shared = {
    dynamicNamingPattern: env.AWS_XRAY_URL,
    annotationKeys: [...new Set([...DEFAULT_ANNOTATION_KEYS, ...env.XRAY_ANNOTATION_KEYS])],
  };
  if (env.AWS_XRAY_DAEMON_ADDRESS !== undefined) {
    return { daemon: env.AWS_XRAY_DAEMON_ADDRESS, chosenBy: 'daemon-address', ...shared };
  }
  if (target.otlpExporting && target.otlpChosenBy === 'local-default') {
    return { daemon: defaultDaemonAddress, chosenBy: 'local-default', ...shared };
  }
  return undefined;
}
