import { z } from 'zod';

/** Shape only (400); a blank handle is the 422 code `handle_blank`. */
export const createSessionBodySchema = z.strictObject({
  handle: z.string().optional(),
});
