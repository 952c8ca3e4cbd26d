import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const putLogEventsSchema = z.object({
  logGroupName: z.string(),
  logStreamName: z.string(),
  logEvents: z.array(z.object({ timestamp: z.number().int(), message: z.string().min(1) })),
});
const nameSchema = z.object({ logGroupName: z.string(), logStreamName: z.string().optional() });

export type PutLogEventsCall = z.infer<typeof putLogEventsSchema>;

export interface CloudWatchLogsServer {
  url: string;
  /** Every accepted PutLogEvents call, in arrival order. */
  readonly puts: PutLogEventsCall[];
  /** Every call by operation name, accepted or not. */
  readonly operations: string[];
  /** Log groups and their streams as they exist now. */
  readonly groups: Map<string, Set<string>>;
  /** The next `count` calls of `operation` answer this AWS error code (400, 5xx for Service*). */
  failNext(operation: string, count: number, code: string): void;
  /** The next PutLogEvents answers 200 with this `rejectedLogEventsInfo`. */
  rejectNext(info: Record<string, number>): void;
  /** Calls of `operation` wait this long before they are answered. */
  delay(operation: string, ms: number): void;
  close(): Promise<void>;
}

/**
 * A loopback server speaking the slice of the CloudWatch Logs JSON 1.1 protocol the shipper uses
 * (CreateLogGroup, CreateLogStream, PutLogEvents), enforcing PutLogEvents' documented limits the
 * way the service does, so tests drive the real `@aws-sdk/client-cloudwatch-logs` against it.
 */
export async function startCloudWatchLogsServer(): Promise<CloudWatchLogsServer> {
  const puts: PutLogEventsCall[] = [];
  const operations: string[] = [];
  const groups = new Map<string, Set<string>>();
  const failures = new Map<string, { count: number; code: string }>();
  const delays = new Map<string, number>();
  let nextRejection: Record<string, number> | undefined;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res
      .writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': crypto.randomUUID(),
      })
      .end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, code: string, message: string) =>
    send(res, code.startsWith('Service') ? 503 : 400, { __type: code, message });

  const handle = (operation: string, input: unknown, res: ServerResponse) => {
    const failure = failures.get(operation);
    if (failure !== undefined && failure.count > 0) {
      failure.count -= 1;
      return error(res, failure.code, `${failure.code} injected by the test`);
    }
    const names = nameSchema.safeParse(input);
    if (!names.success) return error(res, 'InvalidParameterException', 'missing logGroupName');
    const { logGroupName, logStreamName } = names.data;
    if (operation === 'CreateLogGroup') {
      if (groups.has(logGroupName)) return error(res, 'ResourceAlreadyExistsException', 'exists');
      groups.set(logGroupName, new Set());
      return send(res, 200, {});
    }
    const streams = groups.get(logGroupName);
    if (streams === undefined) {
      return error(res, 'ResourceNotFoundException', 'The specified log group does not exist.');
    }
    if (operation === 'CreateLogStream') {
      if (logStreamName === undefined || /[:*]/.test(logStreamName)) {
        return error(res, 'InvalidParameterException', 'bad logStreamName');
      }
      if (streams.has(logStreamName)) return error(res, 'ResourceAlreadyExistsException', 'exists');
      streams.add(logStreamName);
      return send(res, 200, {});
    }
    if (operation !== 'PutLogEvents') return error(res, 'UnknownOperationException', operation);
    const put = putLogEventsSchema.safeParse(input);
    if (!put.success) return error(res, 'InvalidParameterException', put.error.message);
    if (!streams.has(put.data.logStreamName)) {
      return error(res, 'ResourceNotFoundException', 'The specified log stream does not exist.');
    }
    const violation = limitViolation(put.data.logEvents);
    if (violation !== undefined) return error(res, 'InvalidParameterException', violation);
    puts.push(put.data);
    const rejected = nextRejection;
    nextRejection = undefined;
    return send(res, 200, rejected === undefined ? {} : { rejectedLogEventsInfo: rejected });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('Logs_20140328.') ? target.slice(14) : target;
      operations.push(operation);
      let input: unknown;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return error(res, 'SerializationException', 'body is not JSON');
      }
      const wait = delays.get(operation) ?? 0;
      if (wait === 0) return handle(operation, input, res);
      setTimeout(() => handle(operation, input, res), wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    puts,
    operations,
    groups,
    failNext: (operation, count, code) => failures.set(operation, { count, code }),
    rejectNext: (info) => {
      nextRejection = info;
    },
    delay: (operation, ms) => delays.set(operation, ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The service's own checks: ≤ 10,000 events, ≤ 1 MiB with 26 bytes each, sorted, ≤ 24 h. */
function limitViolation(events: PutLogEventsCall['logEvents']): string | undefined {
  if (events.length === 0) return 'logEvents must not be empty';
  if (events.length > 10_000) return `${events.length} events: more than 10000`;
  const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message, 'utf8') + 26, 0);
  if (bytes > 1_048_576) return `batch of ${bytes} bytes: more than 1048576`;
  for (let i = 1; i < events.length; i++) {
    if ((events[i]?.timestamp ?? 0) < (events[i - 1]?.timestamp ?? 0)) {
      return 'Log events in a single PutLogEvents request must be in chronological order.';
    }
  }
  const span = (events.at(-1)?.timestamp ?? 0) - (events[0]?.timestamp ?? 0);
  if (span >= 24 * 3_600_000) return 'A batch of log events cannot span more than 24 hours.';
  return undefined;
}
