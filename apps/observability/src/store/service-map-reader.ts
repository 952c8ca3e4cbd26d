import type { ServiceMapEdge, ServiceMapNode, ServiceMapView } from '../contract/console-api.js';
import type { UnixNanos } from '../model/time.js';
import { quoteIdentifier, SIGNAL } from './schema.js';
import type { SqlRunner } from './trace-reader.js';

/** Attributes that name what a client span calls when nothing instrumented answers it. */
const PEER_KEYS = [
  'peer.service',
  'db.system.name',
  'db.system',
  'server.address',
  'net.peer.name',
];

/**
 * Services and the calls between them in a window, from spans of every source: an edge is a
 * server, consumer or kind-less span whose parent belongs to another service (caller → callee,
 * measured on the callee's span), or a client span with no such child that names its peer (a
 * database, an external API).
 */
export async function readServiceMap(
  run: SqlRunner,
  attributeColumns: ReadonlyMap<string, unknown>,
  startNanos: UnixNanos,
  endNanos: UnixNanos,
): Promise<ServiceMapView> {
  const windowSeconds = Math.max(Number(endNanos - startNanos) / 1e9, 1e-9);
  const params = [startNanos, endNanos];
  const inWindow = `signal = ${SIGNAL.span} AND time_unix_nano >= $1 AND time_unix_nano < $2`;
  const peers = PEER_KEYS.map((k) => `s:${k}`).filter((c) => attributeColumns.has(c));
  const nodeRows = await run(
    `SELECT service, count(*) AS spans, count(*) FILTER (WHERE status_code = 2) AS errors
     FROM events WHERE ${inWindow} GROUP BY service ORDER BY service`,
    params,
  );
  const stats = `count(*) AS calls,
       count(*) FILTER (WHERE c.status_code = 2) AS errors,
       quantile_cont(c.duration_ms, 0.5) AS p50, quantile_cont(c.duration_ms, 0.99) AS p99`;
  // The callee's entry spans (server, consumer, or of no kind, as Honeycomb events are) are few;
  // joining only them to their parents keeps a map over millions of spans well under a second.
  const entries = `SELECT trace_id, span_id, parent_span_id, service, status_code, duration_ms
                   FROM events WHERE ${inWindow} AND kind IN (0, 2, 5)
                     AND parent_span_id IS NOT NULL AND trace_id IS NOT NULL`;
  const calledRows = await run(
    `WITH c AS (${entries}),
          p AS (SELECT trace_id, span_id, service FROM events WHERE ${inWindow})
     SELECT p.service AS source, c.service AS target, ${stats}
     FROM c JOIN p ON c.parent_span_id = p.span_id AND c.trace_id = p.trace_id
     WHERE c.service <> p.service
     GROUP BY 1, 2`,
    params,
  );
  const peerRows =
    peers.length === 0
      ? []
      : await run(
          `WITH k AS (${entries}),
                c AS (
             SELECT service, status_code, duration_ms, trace_id, span_id,
                    coalesce(${peers.map((p) => quoteIdentifier(p)).join(', ')}) AS peer
             FROM events WHERE ${inWindow} AND kind = 3)
           SELECT c.service AS source, c.peer AS target, ${stats}
           FROM c LEFT JOIN k
             ON k.parent_span_id = c.span_id AND k.trace_id = c.trace_id AND k.service <> c.service
           WHERE k.span_id IS NULL AND c.peer IS NOT NULL AND c.peer <> c.service
           GROUP BY 1, 2`,
          params,
        );
  const edges: ServiceMapEdge[] = [...calledRows, ...peerRows]
    .map((row) => {
      const calls = Number(row.calls);
      return {
        source: String(row.source),
        target: String(row.target),
        calls,
        callsPerSecond: calls / windowSeconds,
        errorRate: calls === 0 ? 0 : Number(row.errors) / calls,
        p50Ms: Number(row.p50 ?? 0),
        p99Ms: Number(row.p99 ?? 0),
      };
    })
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  const nodes: ServiceMapNode[] = nodeRows.map((row) => ({
    service: String(row.service),
    spanCount: Number(row.spans),
    errorCount: Number(row.errors),
    inferred: false,
  }));
  const known = new Set(nodes.map((n) => n.service));
  for (const edge of edges) {
    if (known.has(edge.target)) continue;
    known.add(edge.target);
    nodes.push({ service: edge.target, spanCount: 0, errorCount: 0, inferred: true });
  }
  return {
    startMs: Number(startNanos / 1_000_000n),
    endMs: Number(endNanos / 1_000_000n),
    nodes,
    edges,
  };
}
