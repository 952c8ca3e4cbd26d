import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { createCatalogResolver, widestType } from './catalog-resolver.js';
import { FIXED_COLUMNS_BY_NAME } from './fixed-columns.js';

describe('createCatalogResolver', () => {
  it('resolves an attribute stored under one type to its typed column', () => {
    const resolver = createCatalogResolver([
      { keyName: 'http.route', type: 'string', table: 'events' },
    ]);
    expect(resolver.resolve('http.route')).toEqual({
      keyName: 'http.route',
      sql: 'e."s:http.route"',
      type: 'string',
      needsResources: false,
    });
  });

  it('widens a key stored as integer and float to float', () => {
    const resolver = createCatalogResolver([
      { keyName: 'n', type: 'integer', table: 'events' },
      { keyName: 'n', type: 'float', table: 'events' },
    ]);
    expect(resolver.resolve('n')).toMatchObject({
      type: 'float',
      sql: 'COALESCE(e."f:n", CAST(e."i:n" AS DOUBLE))',
    });
  });

  it('puts an event attribute before a resource attribute of the same key', () => {
    const resolver = createCatalogResolver([
      { keyName: 'env', type: 'string', table: 'resources' },
      { keyName: 'env', type: 'boolean', table: 'events' },
    ]);
    expect(resolver.resolve('env')).toEqual({
      keyName: 'env',
      type: 'string',
      sql: 'COALESCE(CAST(e."b:env" AS VARCHAR), r."s:env")',
      needsResources: true,
    });
  });

  it('quotes keys that contain double quotes', () => {
    const resolver = createCatalogResolver([{ keyName: 'a"b', type: 'float', table: 'events' }]);
    expect(resolver.resolve('a"b')?.sql).toBe('e."f:a""b"');
  });

  it('lets the fixed span fields win over attributes of the same name', () => {
    const resolver = createCatalogResolver([
      { keyName: 'service.name', type: 'string', table: 'resources' },
    ]);
    expect(resolver.resolve('service.name')?.sql).toBe('e.service');
    expect(resolver.list().filter((c) => c.keyName === 'service.name')).toHaveLength(1);
  });

  it('lists the fixed fields, then attributes by name, each once', () => {
    const resolver = createCatalogResolver([
      { keyName: 'b', type: 'string', table: 'events' },
      { keyName: 'a', type: 'string', table: 'events' },
      { keyName: 'a', type: 'string', table: 'events' },
    ]);
    const names = resolver.list().map((c) => c.keyName);
    expect(names.slice(-2)).toEqual(['a', 'b']);
    expect(names).toContain('duration_ms');
    expect(resolver.resolve('unknown')).toBeUndefined();
  });
});

describe('widestType', () => {
  it('reads any mix with strings or booleans as string', () => {
    expect(widestType(new Set(['integer', 'boolean']))).toBe('string');
    expect(widestType(new Set(['string', 'float']))).toBe('string');
    expect(widestType(new Set(['boolean']))).toBe('boolean');
  });
});

describe('fixed id columns', () => {
  it('print UHUGEINT and UBIGINT ids as zero-padded lower-case hex, NULL as NULL', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const sql = (key: string, column: string) =>
      (FIXED_COLUMNS_BY_NAME.get(key)?.sql ?? '').replace(/e\.\w+/, column);
    const reader = await connection.runAndReadAll(
      `SELECT ${sql('trace.trace_id', '$1::UHUGEINT')} AS t, ${sql('trace.span_id', '$2::UBIGINT')} AS s,
        ${sql('trace.parent_id', 'NULL::UBIGINT')} AS p, ${sql('trace.trace_id', '340282366920938463463374607431768211455::UHUGEINT')} AS max`,
      [0xabn, 0xffn],
    );
    expect(reader.getRowObjectsJS()).toEqual([
      { t: `${'0'.repeat(30)}ab`, s: '00000000000000ff', p: null, max: 'f'.repeat(32) },
    ]);
    connection.closeSync();
    instance.closeSync();
  });
});
