import { z } from 'zod';

/** What a handle can look like (the schema's CHECK); anything else cannot name a user. */
export const handleSchema = z.string().regex(/^[a-z0-9_]+$/i);
