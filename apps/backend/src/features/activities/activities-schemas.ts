import { z } from 'zod';

/**
 * Request shapes only: types and unknown fields (400). Blank, too long and unknown ttl are
 * business rules answered with the original's 422 codes by the services, so both fields stay
 * optional strings here.
 */
export const createActivityBodySchema = z.strictObject({
  message: z.string().optional(),
  ttl: z.string().optional(),
});

export const createReplyBodySchema = z.strictObject({
  message: z.string().optional(),
});

/** Repeated `?term=` arrives as an array; that is a malformed request, not a blank term. */
export const searchQuerySchema = z.object({
  term: z.string().optional(),
});

/** Any 8-4-4-4-12 hex id PostgreSQL accepts as `uuid`, not only RFC 9562 variants. */
export const activityUuidSchema = z.guid();
