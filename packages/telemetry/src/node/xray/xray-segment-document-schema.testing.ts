import { z } from 'zod';
import { DAEMON_HEADER, MAX_DOCUMENT_BYTES } from './segment-datagrams.js';
import type { Datagram } from './udp-daemon-sender.js';

// X-Ray's segment document rules, written from the public segment-document reference, so tests
// check our documents against what X-Ray accepts rather than against our own mapper.

const hexId = z.string().regex(/^[0-9a-f]{16}$/, '16 lower-case hex digits');
const traceId = z.string().regex(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/, '1-<8 hex>-<24 hex>');
/** Letters, digits, whitespace and `_ . : / % & # = + \ - @`, 1–200 characters. */
const name = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\p{L}\p{N}\s_.:/%&#=+\\\-@]+$/u, 'only letters, digits, whitespace and _.:/%&#=+\\-@');
const epochSeconds = z.number().finite().positive();

const http = z.strictObject({
  request: z
    .strictObject({
      method: z.string().optional(),
      url: z.string().optional(),
      user_agent: z.string().optional(),
      client_ip: z.string().optional(),
      x_forwarded_for: z.boolean().optional(),
      traced: z.boolean().optional(),
    })
    .optional(),
  response: z
    .strictObject({
      status: z.number().int().optional(),
      content_length: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

const exception = z.strictObject({
  id: hexId,
  message: z.string().optional(),
  type: z.string().optional(),
  remote: z.boolean().optional(),
  truncated: z.number().int().nonnegative().optional(),
  skipped: z.number().int().nonnegative().optional(),
  cause: hexId.optional(),
  stack: z
    .array(
      z.strictObject({
        path: z.string().optional(),
        line: z.number().int().optional(),
        label: z.string().optional(),
      }),
    )
    .optional(),
});

const cause = z.union([
  hexId,
  z.strictObject({
    working_directory: z.string().optional(),
    paths: z.array(z.string()).optional(),
    exceptions: z.array(exception),
  }),
]);

/** Annotation keys X-Ray can filter on; values are scalars only. */
const annotations = z.record(
  z.string().regex(/^[A-Za-z0-9_]+$/, 'annotation keys: letters, digits and _ only'),
  z.union([z.string(), z.number().finite(), z.boolean()]),
);

const metadata = z.record(
  z.string().refine((ns) => !ns.startsWith('AWS.'), 'namespaces starting AWS. are reserved'),
  z.record(z.string(), z.unknown()),
);

const sql = z.strictObject({
  connection_string: z.string().optional(),
  url: z.string().optional(),
  sanitized_query: z.string().optional(),
  database_type: z.string().optional(),
  database_version: z.string().optional(),
  driver_version: z.string().optional(),
  user: z.string().optional(),
  preparation: z.enum(['call', 'statement']).optional(),
});

const common = {
  name,
  id: hexId,
  start_time: epochSeconds,
  end_time: epochSeconds.optional(),
  in_progress: z.literal(true).optional(),
  parent_id: hexId.optional(),
  http: http.optional(),
  aws: z.record(z.string(), z.unknown()).optional(),
  error: z.boolean().optional(),
  throttle: z.boolean().optional(),
  fault: z.boolean().optional(),
  cause: cause.optional(),
  annotations: annotations.optional(),
  metadata: metadata.optional(),
  links: z
    .array(
      z.strictObject({
        trace_id: traceId,
        id: hexId,
        attributes: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
};

type Timed = { start_time: number; end_time?: number | undefined; in_progress?: true | undefined };
const endedOrInProgress = (doc: Timed) =>
  (doc.end_time === undefined) !== (doc.in_progress === undefined) &&
  (doc.end_time === undefined || doc.end_time >= doc.start_time);
const timingRule = {
  message: 'exactly one of end_time (not before start_time) and in_progress',
};

const embeddedSubsegment: z.ZodType<unknown> = z.lazy(() =>
  z
    .strictObject({
      ...common,
      namespace: z.enum(['aws', 'remote']).optional(),
      sql: sql.optional(),
      precursor_ids: z.array(hexId).optional(),
      subsegments: z.array(embeddedSubsegment).optional(),
    })
    .refine(endedOrInProgress, timingRule),
);

/** A segment: the service's own record of a request. */
export const xraySegmentSchema = z
  .strictObject({
    ...common,
    trace_id: traceId,
    service: z.strictObject({ version: z.string().optional() }).optional(),
    user: z.string().optional(),
    origin: z.string().optional(),
    resource_arn: z.string().optional(),
    subsegments: z.array(embeddedSubsegment).optional(),
  })
  .refine(endedOrInProgress, timingRule);

/** A subsegment sent on its own: it must say which trace and which parent it belongs to. */
export const xrayIndependentSubsegmentSchema = z
  .strictObject({
    ...common,
    type: z.literal('subsegment'),
    trace_id: traceId,
    parent_id: hexId,
    namespace: z.enum(['aws', 'remote']).optional(),
    sql: sql.optional(),
    precursor_ids: z.array(hexId).optional(),
    subsegments: z.array(embeddedSubsegment).optional(),
  })
  .refine(endedOrInProgress, timingRule);

export type XrayDocumentJson =
  | z.infer<typeof xraySegmentSchema>
  | z.infer<typeof xrayIndependentSubsegmentSchema>;

/**
 * Parses one daemon datagram as X-Ray would receive it: the `{"format":"json","version":1}`
 * header line, then one document of at most 64 kB that satisfies the segment or independent
 * subsegment rules. Throws with every broken rule.
 */
export function parseDaemonDatagram(datagram: Buffer | Datagram): XrayDocumentJson {
  const text = Buffer.isBuffer(datagram)
    ? datagram.toString('utf8')
    : datagram.map((part) => part.toString()).join('');
  const newline = text.indexOf('\n');
  if (newline < 0) throw new Error('no header line');
  const header = JSON.parse(text.slice(0, newline + 1)) as unknown;
  z.strictObject({ format: z.literal('json'), version: z.literal(1) }).parse(header);
  if (`${text.slice(0, newline)}\n` !== DAEMON_HEADER) throw new Error('unexpected header bytes');
  const body = text.slice(newline + 1);
  const size = Buffer.byteLength(body);
  if (size > MAX_DOCUMENT_BYTES) throw new Error(`document is ${size} bytes, over 64 kB`);
  const document = JSON.parse(body) as { type?: unknown };
  return document.type === 'subsegment'
    ? xrayIndependentSubsegmentSchema.parse(document)
    : xraySegmentSchema.parse(document);
}
