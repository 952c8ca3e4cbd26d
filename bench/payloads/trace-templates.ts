import { context, type Span, SpanKind, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  pickRoute,
  SERVICE_NAME,
  SPANS_PER_REQUEST,
  SPANS_PER_TRACE,
  seededRandom,
  USER_COUNT,
  userId,
} from './workload.js';

const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];
const CHILD_NAMES = [
  'SELECT activities',
  'SELECT users',
  'cache.get',
  'render json',
  'auth.verify',
];

/**
 * Builds `count` OTLP protobuf requests of 512 spans each with the real SDK and serializer, as an
 * exporter sends them: traces of 8 spans (a SERVER root and its children), 10 attributes per span
 * (6 strings, 4 ints), start times spread over the second before `nowMs`. Ids are the SDK's random
 * ones; senders make every request unique by re-stamping ids and times (see payload-stamper.ts).
 */
export function buildTraceTemplates(count: number, nowMs: number, seed = 42): Uint8Array[] {
  const random = seededRandom(seed);
  const requests: Uint8Array[] = [];
  for (let t = 0; t < count; t++) {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': SERVICE_NAME, 'host.name': 'bench-host' }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('cruddur.bench', '1.0.0');
    for (let s = 0; s < SPANS_PER_REQUEST; s += SPANS_PER_TRACE) {
      const route = pickRoute(random);
      const user = userId(Math.floor(random() * USER_COUNT));
      const method = METHODS[Math.floor(random() * METHODS.length)]!;
      const region = REGIONS[Math.floor(random() * REGIONS.length)]!;
      const startMs = nowMs - 1000 + random() * 1000;
      // Log-normal-ish latency: most requests fast, a long tail.
      const rootMs = Math.exp(2 + random() * 2.5 + (random() < 0.02 ? 2 : 0));
      const attributes = (name: string, ms: number) => ({
        'http.route': route,
        'app.userId': user,
        'http.method': method,
        'cloud.region': region,
        'span.label': name,
        'app.handle': `handle-${Math.floor(random() * 5000)}`,
        'http.status_code': random() < 0.03 ? 500 : 200,
        'http.response_content_length': Math.floor(random() * 50_000),
        'app.activity_count': Math.floor(random() * 100),
        'app.duration_bucket': Math.floor(ms / 10),
      });
      const root = tracer.startSpan(`${method} ${route}`, {
        kind: SpanKind.SERVER,
        startTime: startMs,
        attributes: attributes('root', rootMs),
      });
      const parent = trace.setSpan(context.active(), root);
      const children: { span: Span; end: number }[] = [];
      for (let c = 1; c < SPANS_PER_TRACE; c++) {
        const name = CHILD_NAMES[Math.floor(random() * CHILD_NAMES.length)]!;
        const offset = random() * rootMs * 0.5;
        const ms = random() * rootMs * 0.5;
        const span = tracer.startSpan(
          name,
          {
            kind: name.startsWith('SELECT') ? SpanKind.CLIENT : SpanKind.INTERNAL,
            startTime: startMs + offset,
            attributes: attributes(name, ms),
          },
          parent,
        );
        children.push({ span, end: startMs + offset + ms });
      }
      for (const { span, end } of children) span.end(end);
      root.end(startMs + rootMs);
    }
    const spans = exporter.getFinishedSpans();
    const body = ProtobufTraceSerializer.serializeRequest([...spans]);
    if (body === undefined) throw new Error('the serializer returned nothing');
    requests.push(body);
  }
  return requests;
}
