import { describe, expect, it } from 'vitest';
import { createCatalogResolver } from './catalog-resolver.js';
import { columnId, listColumns } from './columns-listing.js';

describe('listColumns', () => {
  it('lists fixed fields and attributes in Honeycomb shape with stable ids', () => {
    const resolver = createCatalogResolver([
      { keyName: 'app.userId', type: 'string', table: 'events' },
    ]);
    const times = new Map([['app.userId', { createdAtMs: 1_000, lastWrittenMs: 5_000 }]]);
    const columns = listColumns(resolver, times, 0);
    expect(columns.find((c) => c.key_name === 'app.userId')).toEqual({
      id: columnId('app.userId'),
      key_name: 'app.userId',
      type: 'string',
      description: '',
      hidden: false,
      created_at: '1970-01-01T00:00:01.000Z',
      updated_at: '1970-01-01T00:00:01.000Z',
      last_written: '1970-01-01T00:00:05.000Z',
    });
    expect(columns.find((c) => c.key_name === 'duration_ms')?.type).toBe('float');
    expect(columns.find((c) => c.key_name === 'error')?.type).toBe('boolean');
    expect(columnId('app.userId')).toBe(columnId('app.userId'));
    expect(new Set(columns.map((c) => c.id)).size).toBe(columns.length);
  });
});
