/**
 * Limits applied to every OTLP request, whatever its encoding. They keep one hostile or buggy
 * sender from blowing up memory or the store's row width, and they are reported back to the
 * sender as partial-success warnings rather than silently applied.
 */

/**
 * Attributes kept per span, span event, span link, log record, resource and scope. Extra ones
 * are dropped and added to the item's `dropped_attributes_count` (resource and scope have no
 * such counter in the model, so only the warning tells). SDKs default to 128.
 */
export const MAX_ATTRIBUTES_PER_ITEM = 2_000;

/**
 * Characters (UTF-16 code units) kept of any string inside an AnyValue (attribute values at any
 * nesting depth and log bodies). Longer strings are truncated, never rejected.
 */
export const MAX_STRING_VALUE_LENGTH = 65_535;

/**
 * Deepest AnyValue nesting accepted; an attribute value is level 1 and every array or kvlist
 * adds one. Deeper values make the whole request malformed: no real SDK produces them, and
 * unbounded recursion is a stack-overflow vector.
 */
export const MAX_ANY_VALUE_DEPTH = 32;

/** Distinct issue summaries kept for a partial-success `error_message`; the rest are counted. */
export const MAX_ISSUE_SUMMARIES = 10;
