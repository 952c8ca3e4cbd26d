import { z } from 'zod';
import { optionalText } from '../env-values.js';
import { parseDaemonAddress } from './daemon-address.js';

/**
 * The X-Ray variables, spread into the telemetry environment schema so one start-up check names
 * every bad variable. `AWS_XRAY_DAEMON_ADDRESS` and `AWS_XRAY_URL` mean what they mean to the X-Ray
 * SDKs (daemon address; dynamic segment naming pattern); `XRAY_ANNOTATION_KEYS` is ours.
 */
export const xrayEnvShape = {
  AWS_XRAY_DAEMON_ADDRESS: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = parseDaemonAddress(value);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  }),
  AWS_XRAY_URL: optionalText,
  XRAY_ANNOTATION_KEYS: optionalText.transform((value) =>
    value === undefined
      ? []
      : [...new Set(value.split(',').map((key) => key.trim()))].filter((key) => key !== ''),
  ),
};
