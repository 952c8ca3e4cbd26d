import { z } from 'zod';

/** Shape only (400); blank and too-long fields are the services' 422 codes. */
export const createMessageBodySchema = z.strictObject({
  message: z.string().optional(),
  user_receiver_handle: z.string().optional(),
});
