import { DuckDBInstance } from '@duckdb/node-api';
import {
  attributeColumnName,
  EVENTS_VIEW_DDL,
  type EventColumn,
  quoteIdentifier,
  RESOURCES_DDL,
  SIGNAL,
  SQL_TYPE,
  STORED_COLUMNS,
  storedTableDdl,
  storedTableOf,
} from '../store/schema.js';
import type { CatalogEntry } from './catalog-resolver.js';
import type { QueryRunner } from './run-query.js';

/** Test support only: a real in-memory DuckDB with the store's schema and a few attribute columns. */

/** Attribute columns the test tables get, as the store's catalog would list them. */
export const TEST_CATALOG: readonly CatalogEntry[] = [
  { keyName: 'app.userId', type: 'string', table: 'events' },
  { keyName: 'http.route', type: 'string', table: 'events' },
  { keyName: 'http.status_code', type: 'integer', table: 'events' },
  { keyName: 'mixed.num', type: 'integer', table: 'events' },
  { keyName: 'mixed.num', type: 'float', table: 'events' },
  { keyName: 'mixed.any', type: 'string', table: 'events' },
  { keyName: 'mixed.any', type: 'boolean', table: 'events' },
  { keyName: 'cache.hit', type: 'boolean', table: 'events' },
  { keyName: 'deployment.environment', type: 'string', table: 'events' },
  { keyName: 'deployment.environment', type: 'string', table: 'resources' },
  { keyName: 'host.name', type: 'string', table: 'resources' },
];

export interface TestEvent {
  readonly timeSec: number;
  readonly service?: string;
  readonly signal?: number;
  readonly name?: string;
  readonly kind?: number;
  readonly durationMs?: number | null;
  readonly statusCode?: number | null;
  readonly traceId?: bigint;
  readonly spanId?: bigint;
  readonly parentSpanId?: bigint | null;
  readonly resourceId?: bigint;
  /** Attribute values by physical column name, e.g. `{ 's:http.route': '/a' }`. */
  readonly attributes?: Readonly<Record<string, string | number | bigint | boolean>>;
}

export interface TestResource {
  readonly resourceId: bigint;
  readonly service: string;
  readonly scopeName?: string;
  readonly attributes?: Readonly<Record<string, string | number | bigint | boolean>>;
}

export interface QueryTestDb {
  readonly run: QueryRunner;
  insertEvents(events: readonly TestEvent[]): Promise<void>;
  insertResources(resources: readonly TestResource[]): Promise<void>;
  close(): void;
}

export async function createQueryTestDb(): Promise<QueryTestDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const ddl of [storedTableDdl('spans'), storedTableDdl('logs'), EVENTS_VIEW_DDL]) {
    await connection.run(ddl);
  }
  await connection.run(RESOURCES_DDL);
  for (const entry of TEST_CATALOG) {
    const name = quoteIdentifier(attributeColumnName(entry.keyName, entry.type));
    const tables = entry.table === 'events' ? ['spans', 'logs'] : [entry.table];
    for (const table of tables) {
      await connection.run(`ALTER TABLE ${table} ADD COLUMN ${name} ${SQL_TYPE[entry.type]}`);
    }
  }
  let nextEventId = 1n;
  const insert = async (table: string, row: Record<string, unknown>) => {
    const names = Object.keys(row).filter((name) => row[name] !== undefined);
    const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
    const columns = names.map(quoteIdentifier).join(', ');
    const values = names.map((name) => row[name]) as (string | number | bigint | boolean | null)[];
    await connection.run(`INSERT INTO ${table} (${columns}) VALUES (${placeholders})`, values);
  };
  return {
    run: async (sql, params) => (await connection.runAndReadAll(sql, params)).getRowObjectsJS(),
    async insertEvents(events) {
      for (const event of events) {
        const id = nextEventId++;
        const signal = event.signal ?? SIGNAL.span;
        const table = storedTableOf(signal);
        // Each table takes only its own fixed columns: the others read as NULL through the view.
        const only = (column: EventColumn, value: unknown) =>
          STORED_COLUMNS[table].includes(column) ? value : undefined;
        await insert(table, {
          signal: only('signal', signal),
          source: 'otlp',
          service: event.service ?? 'api',
          time_unix_nano: BigInt(Math.round(event.timeSec * 1e6)) * 1000n,
          event_id: only('event_id', id),
          trace_id: event.traceId ?? id,
          span_id: only('span_id', event.spanId ?? id),
          parent_span_id: event.parentSpanId ?? null,
          name: event.name ?? 'GET',
          kind: only('kind', event.kind ?? 2),
          duration_ms: event.durationMs === undefined ? 1 : event.durationMs,
          status_code: only('status_code', event.statusCode === undefined ? 0 : event.statusCode),
          resource_id: event.resourceId ?? 0n,
          ...event.attributes,
        });
      }
    },
    async insertResources(resources) {
      for (const resource of resources) {
        await insert('resources', {
          resource_id: resource.resourceId,
          service: resource.service,
          attributes_json: '{}',
          scope_name: resource.scopeName ?? '',
          scope_version: '',
          scope_attributes_json: '{}',
          schema_url: '',
          ...resource.attributes,
        });
      }
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
