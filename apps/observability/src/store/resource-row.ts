import { attributesToJson } from '../model/attributes.js';
import { hash64 } from '../model/hash64.js';
import type { ResourceScope } from '../model/resource-scope.js';
import { serviceNameOf } from '../model/service-name.js';
import { splitAttributes } from './attribute-split.js';
import type { ColumnCatalog } from './column-catalog.js';

/** A row of `resources`: one resource with its instrumentation scope, stored once. */
export interface ResourceRow {
  readonly resourceId: bigint;
  readonly service: string;
  readonly attributesJson: string;
  readonly scopeName: string;
  readonly scopeVersion: string;
  readonly scopeAttributesJson: string;
  readonly schemaUrl: string;
  /** Typed resource attribute columns: physical name → value. */
  readonly columns: ReadonlyMap<string, unknown>;
}

/**
 * The resource row of a group's origin, its id a hash of its content so every request naming
 * the same resource and scope points at one row. Its typed columns are noted in the catalog.
 */
export function resourceRowOf(origin: ResourceScope, catalog: ColumnCatalog): ResourceRow {
  const service = serviceNameOf(origin.resource);
  const attributesJson = JSON.stringify(attributesToJson(origin.resource));
  const scopeAttributesJson = JSON.stringify(attributesToJson(origin.scope.attributes));
  const resourceId = hash64(
    attributesJson,
    origin.scope.name,
    origin.scope.version,
    scopeAttributesJson,
    origin.schemaUrl,
  );
  const columns = new Map<string, unknown>();
  for (const { key, type, value } of splitAttributes(origin.resource).typed) {
    const column = catalog.columnFor('resources', key, type);
    if (column === undefined) continue;
    columns.set(column, value);
    catalog.noteWritten({ dataset: service, keyName: key, type, table: 'resources' });
  }
  return {
    resourceId,
    service,
    attributesJson,
    scopeName: origin.scope.name,
    scopeVersion: origin.scope.version,
    scopeAttributesJson,
    schemaUrl: origin.schemaUrl,
    columns,
  };
}
