import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * One stream per process start, named so streams sort by day and say where they came from:
 * `2026/01/15/cruddur-backend/web-1/4242-9f3a1c`. The random tail keeps two starts apart even
 * when a container restarts with the same pid. Stream names may not contain `:` or `*`.
 *
 * @example
 * logStreamName('cruddur-backend'); // '2026/01/15/cruddur-backend/web-1/4242-9f3a1c'
 */
export function logStreamName(
  serviceName: string,
  start: Date = new Date(),
  host: string = hostname(),
  pid: number = process.pid,
): string {
  const day = start.toISOString().slice(0, 10).replaceAll('-', '/');
  const name = `${day}/${serviceName}/${host}/${pid}-${randomBytes(3).toString('hex')}`;
  return name.replace(/[:*]/g, '_').slice(0, 512);
}
