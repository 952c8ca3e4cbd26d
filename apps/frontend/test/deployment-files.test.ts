// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

interface ComposeService {
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: unknown;
  command?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** The variables the original Cruddur's compose file gives the API. */
const SEED_VARIABLES = [
  'OTEL_SERVICE_NAME',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'HONEYCOMB_API_KEY',
  'AWS_XRAY_URL',
  'AWS_XRAY_DAEMON_ADDRESS',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'ROLLBAR_ACCESS_TOKEN',
  'FRONTEND_URL',
  'BACKEND_URL',
];

describe('docker-compose.yml', () => {
  it('runs the observability server, the API and the front end by default', () => {
    for (const name of ['observability', 'backend', 'frontend']) {
      expect(services[name], name).toBeDefined();
      expect(services[name]?.profiles, name).toBeUndefined();
    }
  });

  it('gives the API every variable the seeds use, defaulting to the local server', () => {
    const env = services.backend?.environment ?? {};
    for (const name of SEED_VARIABLES) expect(Object.keys(env), name).toContain(name);
    // Compose's `${NAME:-default}`: the user's value wins, the local server otherwise.
    const fallback = (name: string) =>
      new RegExp(`^\\$\\{${name}:-(.*)\\}$`).exec(env[name] ?? '')?.[1];
    expect(fallback('OTEL_EXPORTER_OTLP_ENDPOINT')).toBe('http://observability:4318');
    expect(fallback('AWS_XRAY_DAEMON_ADDRESS')).toBe('observability:2000');
    expect(fallback('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS')).toBe('http://observability:4318');
    expect(env.ROLLBAR_ENDPOINT).toMatch(/\/api\/1\/item\/\}$/);
  });

  it('keys the observability server, which listens beyond loopback in a container', () => {
    const env = services.observability?.environment ?? {};
    expect(env.OBSERVABILITY_QUERY_KEYS).toBeTruthy();
    expect(env.OBSERVABILITY_INGEST_KEYS).toBeTruthy();
    expect(env.OBSERVABILITY_CORS_ORIGINS).toContain('http://localhost:3000');
    expect(services.observability?.ports).toEqual(
      expect.arrayContaining(['4318:4318', '2000:2000/udp']),
    );
  });

  it('hands the browser only the ingest key, never the query key', () => {
    const args = services.frontend?.build?.args ?? {};
    const ingest = /local-ingest-key/;
    expect(args.VITE_OTEL_INGEST_KEY).toMatch(ingest);
    expect(Object.values(args).join(' ')).not.toMatch(/query/i);
  });

  it('offers the AWS X-Ray daemon only behind the aws profile', () => {
    const daemon = services['xray-daemon'];
    expect(daemon?.image).toBe('amazon/aws-xray-daemon');
    expect(daemon?.profiles).toEqual(['aws']);
    expect(Object.keys(daemon?.environment ?? {})).toEqual(
      expect.arrayContaining(['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']),
    );
  });

  it('builds each app from a Dockerfile that exists', () => {
    for (const name of ['observability', 'backend', 'frontend']) {
      const build = services[name]?.build;
      expect(build?.context, name).toBe('.');
      expect(existsSync(`${ROOT}${build?.dockerfile}`), `${build?.dockerfile}`).toBe(true);
    }
  });
});

describe.each([
  ['apps/observability/Dockerfile', 'apps/observability/src/cli.ts', 4318],
  ['apps/backend/Dockerfile', 'apps/backend/src/main.ts', 4567],
  ['apps/frontend/Dockerfile', 'apps/frontend/server/serve.ts', 3000],
])('%s', (dockerfile, entry, port) => {
  const lines = read(dockerfile)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const instructions = lines.map((line) => line.trim().split(/\s+/)[0]);

  it('is a two-stage Node 20 build', () => {
    const from = lines.filter((line) => line.startsWith('FROM '));
    expect(from).toHaveLength(2);
    for (const line of from) expect(line).toMatch(/^FROM node:20-/);
  });

  it('copies only paths that exist in the repository', () => {
    for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from'))) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(`${ROOT}${source}`), source).toBe(true);
    }
  });

  it(`runs ${entry} and exposes ${port}`, () => {
    const cmd = lines.find((line) => line.startsWith('CMD '));
    const args = JSON.parse(cmd?.slice(4) ?? '[]') as string[];
    const script = args.at(-1) ?? '';
    const source = script.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
    expect(source).toBe(entry);
    expect(existsSync(`${ROOT}${entry}`)).toBe(true);
    expect(lines.find((line) => line.startsWith('EXPOSE '))).toContain(String(port));
    expect(instructions).toContain('WORKDIR');
  });
});
