import { z } from 'zod';
import { optionalText } from '../env-values.js';

/** The Rollbar variables, merged into the telemetry schema (names as the Rollbar docs use them). */
export const errorsEnvShape = {
  ROLLBAR_ACCESS_TOKEN: optionalText,
  ROLLBAR_ENVIRONMENT: optionalText,
  ROLLBAR_ENDPOINT: optionalText.refine(
    (value) =>
      value === undefined || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)),
    { message: 'must be the full item URL, such as http://127.0.0.1:4318/api/1/item/' },
  ),
};

const errorsEnvSchema = z.object(errorsEnvShape);
export type ErrorsEnv = z.infer<typeof errorsEnvSchema>;
