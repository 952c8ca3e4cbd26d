import type { ResourceScope } from '../model/resource-scope.js';
import type { ColumnCatalog } from './column-catalog.js';
import { resourceRowOf } from './resource-row.js';
import type { RowBlock } from './row-block.js';
import { parseAttributeColumnName } from './schema.js';

/**
 * Gives the block's rows `[first, end)` the service and resource of the group they came in,
 * and tells the catalog which attribute columns that service has now written. OTLP puts a
 * group's resource after its spans as often as before, so rows get their origin last.
 */
export function assignOrigin(
  block: RowBlock,
  catalog: ColumnCatalog,
  origin: ResourceScope,
  first: number,
  end = block.rowCount,
): void {
  if (end === first) return;
  const resource = resourceRowOf(origin, catalog);
  block.resources.set(resource.resourceId, resource);
  const services = block.textColumn('service');
  const resources = block.fixedColumn('resource_id');
  services.setString(first, resource.service);
  for (let row = first; row < end; row++) {
    if (row > first) services.repeat(row, first);
    resources.set(row, resource.resourceId);
  }
  for (const [name, column] of block.attributes) {
    for (let row = first; row < end; row++) {
      if (column.isSet(row)) {
        const { key, type } = parseAttributeColumnName(name);
        catalog.noteWritten({ dataset: resource.service, keyName: key, type, table: 'events' });
        break;
      }
    }
  }
}
