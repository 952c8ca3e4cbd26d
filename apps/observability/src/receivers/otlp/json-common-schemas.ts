import { z } from 'zod';
import { attributesSchema } from './json-any-value.js';
import { message, optional, uint32 } from './json-scalars.js';

/**
 * Ids stay plain strings in the schema: a malformed id rejects one item (see
 * `hexIdFromJson`), not the whole request.
 */
export const idSchema = optional(z.string());
export const textSchema = optional(z.string());
export const countSchema = optional(uint32);

export const resourceSchema = optional(
  message({ attributes: attributesSchema, droppedAttributesCount: countSchema }),
);

export const scopeSchema = optional(
  message({
    name: textSchema,
    version: textSchema,
    attributes: attributesSchema,
    droppedAttributesCount: countSchema,
  }),
);

export type JsonResource = z.infer<typeof resourceSchema>;
export type JsonScope = z.infer<typeof scopeSchema>;
