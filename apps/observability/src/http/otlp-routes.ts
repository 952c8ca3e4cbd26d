import type { Context } from 'hono';
import { Hono } from 'hono';
import type { LogGroup, SpanGroup, TelemetryBatch } from '../model/telemetry-batch.js';
import { decodeLogsRequestJson } from '../receivers/otlp/decode-logs-request-json.js';
import { decodeLogsRequestProto } from '../receivers/otlp/decode-logs-request-proto.js';
import { decodeTraceRequestJson } from '../receivers/otlp/decode-trace-request-json.js';
import { decodeTraceRowsProto } from '../receivers/otlp/decode-trace-rows-proto.js';
import {
  encodeExportResponseJson,
  encodeExportResponseProto,
  exportOutcomeOf,
  type OtlpSignal,
} from '../receivers/otlp/encode-export-response.js';
import type { OtlpDecodeResult } from '../receivers/otlp/otlp-decode-result.js';
import type { TelemetryStore } from '../store/telemetry-store.js';
import type { AppDeps } from './app-deps.js';
import { type OtlpEncoding, otlpEncodingOf } from './otlp-encoding.js';
import { otlpErrorResponse, otlpStatusResponse } from './otlp-errors.js';
import { nodeIncoming, readBody } from './request-body.js';
import { requireAccess } from './require-access.js';

/** Decodes one request body and queues what it holds; `stored` settles with the commit. */
type Ingest = (
  body: Uint8Array,
  store: TelemetryStore,
) => { decoded: { rejected: number; warnings: readonly string[] }; stored: Promise<void> };

/** The general path: decode to model objects, then store them as a batch. */
function viaBatch<G>(
  decode: (body: Uint8Array) => OtlpDecodeResult<G>,
  toBatch: (groups: G[]) => TelemetryBatch,
): Ingest {
  return (body, store) => {
    const decoded = decode(body);
    return { decoded, stored: store.ingest(toBatch(decoded.groups)) };
  };
}

const spansOf = (groups: SpanGroup[]): TelemetryBatch => ({
  source: 'otlp',
  spanGroups: groups,
  logGroups: [],
});
const logsOf = (groups: LogGroup[]): TelemetryBatch => ({
  source: 'otlp',
  spanGroups: [],
  logGroups: groups,
});

const TRACES: Record<OtlpEncoding, Ingest> = {
  // The hot path: protobuf spans are decoded straight into the store's columns.
  protobuf: (body, store) =>
    store.ingestDecoded((catalog, block) => decodeTraceRowsProto(body, catalog, block)),
  json: viaBatch(decodeTraceRequestJson, spansOf),
};
const LOGS: Record<OtlpEncoding, Ingest> = {
  protobuf: viaBatch(decodeLogsRequestProto, logsOf),
  json: viaBatch(decodeLogsRequestJson, logsOf),
};

/** OTLP/HTTP: `/v1/traces` and `/v1/logs` stored; `/v1/metrics` accepted and discarded. */
export function otlpRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(otlpErrorResponse);

  app.use(
    '*',
    requireAccess(deps.config, 'ingest', (c, decision) => {
      const message = decision === 'missing' ? 'missing API key' : 'API key not allowed to send';
      return otlpStatusResponse(
        c,
        otlpEncodingOf(c.req.header('content-type')) ?? 'json',
        decision === 'missing' ? 401 : 403,
        message,
      );
    }),
  );

  app.post('/traces', (c) => ingest(c, deps, 'traces', TRACES));
  app.post('/logs', (c) => ingest(c, deps, 'logs', LOGS));
  // Metrics are not in the event model yet: read (so limits still apply) and acknowledge.
  app.post('/metrics', async (c) => {
    const encoding = requireEncoding(c);
    await readBody(c.req.raw, deps.config.maxBodyBytes, nodeIncoming(c));
    return respond(c, encoding, 'traces', { rejected: 0, warnings: [] });
  });

  return app;
}

async function ingest(
  c: Context,
  deps: AppDeps,
  signal: OtlpSignal,
  ingesters: Record<OtlpEncoding, Ingest>,
): Promise<Response> {
  const encoding = requireEncoding(c);
  const body = await readBody(c.req.raw, deps.config.maxBodyBytes, nodeIncoming(c));
  const { decoded, stored } = ingesters[encoding](body, deps.store);
  await stored;
  return respond(c, encoding, signal, decoded);
}

function requireEncoding(c: Context): OtlpEncoding {
  const encoding = otlpEncodingOf(c.req.header('content-type'));
  if (encoding === undefined) throw new UnsupportedMediaTypeError(c.req.header('content-type'));
  return encoding;
}

function respond(
  c: Context,
  encoding: OtlpEncoding,
  signal: OtlpSignal,
  result: { rejected: number; warnings: readonly string[] },
): Response {
  const outcome = exportOutcomeOf(result);
  return encoding === 'protobuf'
    ? c.body(encodeExportResponseProto(signal, outcome) as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/x-protobuf',
      })
    : c.body(encodeExportResponseJson(signal, outcome), 200, {
        'content-type': 'application/json',
      });
}

export class UnsupportedMediaTypeError extends Error {
  constructor(contentType: string | undefined) {
    super(
      `unsupported Content-Type "${contentType ?? ''}"; send application/x-protobuf or application/json`,
    );
    this.name = 'UnsupportedMediaTypeError';
  }
}
