import type { Attributes } from './attributes.js';

export const UNKNOWN_SERVICE = 'unknown_service';

/**
 * The dataset a resource's data belongs to, by Honeycomb's rule: the trimmed `service.name`;
 * missing, blank or `unknown_service…` all land in `unknown_service`.
 */
export function serviceNameOf(resource: Attributes): string {
  const value = resource.get('service.name');
  const name = typeof value === 'string' ? value.trim() : '';
  return name === '' || name.startsWith(UNKNOWN_SERVICE) ? UNKNOWN_SERVICE : name;
}
