import type { Context } from 'hono';
import { Hono } from 'hono';
import type { LogGroup, SpanGroup, TelemetryBatch } from '../model/telemetry-batch.js';
import { decodeLogsRequestJson } from '../receivers/otlp/decode-logs-request-json.js';
import { decodeLogsRequestProto } from '../receivers/otlp/decode-logs-request-proto.js';
import { decodeTraceRequestJson } from '../receivers/otlp/decode-trace-request-json.js';
import { decodeTraceRequestProto } from '../receivers/otlp/decode-trace-request-proto.js';
import { decodeTraceRowsProto } from '../receivers/otlp/decode-trace-rows-proto.js';
import {
  encodeExportResponseJson,
  encodeExportResponseProto,
  exportOutcomeOf,
  type OtlpSignal,
} from '../receivers/otlp/encode-export-response.js';
import type { OtlpDecodeResult } from '../receivers/otlp/otlp-decode-result.js';
import type { AppDeps } from './app-deps.js';
import { type OtlpEncoding, otlpEncodingOf } from './otlp-encoding.js';
import { otlpErrorResponse, otlpStatusResponse } from './otlp-errors.js';
import { nodeIncoming, readBody } from './request-body.js';
import { requireAccess } from './require-access.js';

type Decoders<G> = Record<OtlpEncoding, (body: Uint8Array) => OtlpDecodeResult<G>>;

const TRACE_DECODERS: Decoders<SpanGroup> = {
  protobuf: decodeTraceRequestProto,
  json: decodeTraceRequestJson,
};
const LOGS_DECODERS: Decoders<LogGroup> = {
  protobuf: decodeLogsRequestProto,
  json: decodeLogsRequestJson,
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

  app.post('/traces', async (c) => {
    if (requireEncoding(c) !== 'protobuf') {
      return ingest(c, deps, 'traces', TRACE_DECODERS, (groups) => ({
        source: 'otlp',
        spanGroups: groups,
        logGroups: [],
      }));
    }
    // The hot path: protobuf spans are decoded straight into the store's columns.
    const body = await readBody(c.req.raw, deps.config.maxBodyBytes, nodeIncoming(c));
    const { decoded, stored } = deps.store.ingestDecoded((catalog, block) =>
      decodeTraceRowsProto(body, catalog, block),
    );
    await stored;
    return respond(c, 'protobuf', 'traces', decoded);
  });
  app.post('/logs', (c) =>
    ingest(c, deps, 'logs', LOGS_DECODERS, (groups) => ({
      source: 'otlp',
      spanGroups: [],
      logGroups: groups,
    })),
  );
  // Metrics are not in the event model yet: read (so limits still apply) and acknowledge.
  app.post('/metrics', async (c) => {
    const encoding = requireEncoding(c);
    await readBody(c.req.raw, deps.config.maxBodyBytes, nodeIncoming(c));
    return respond(c, encoding, 'traces', { rejected: 0, warnings: [] });
  });

  return app;
}

async function ingest<G>(
  c: Context,
  deps: AppDeps,
  signal: OtlpSignal,
  decoders: Decoders<G>,
  toBatch: (groups: G[]) => TelemetryBatch,
): Promise<Response> {
  const encoding = requireEncoding(c);
  const body = await readBody(c.req.raw, deps.config.maxBodyBytes, nodeIncoming(c));
  const result = decoders[encoding](body);
  await deps.store.ingest(toBatch(result.groups));
  return respond(c, encoding, signal, result);
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
