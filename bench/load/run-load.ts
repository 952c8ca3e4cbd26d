import { Child, tsxArgs } from '../support/child-process.js';
import { benchScript } from '../support/paths.js';
import type { LoadOptions, LoadResult } from './load-result.js';

/** Runs the load client as its own process pinned to `cpus` and returns its report. */
export async function runLoad(options: LoadOptions, cpus: string | undefined): Promise<LoadResult> {
  const child = new Child({
    name: 'load client',
    cpus,
    command: process.execPath,
    args: tsxArgs(benchScript('load/load-client.ts'), [
      '--url',
      options.url,
      '--templates',
      options.templates,
      '--requests',
      String(options.requests),
      '--warmup',
      String(options.warmup),
      '--concurrency',
      String(options.concurrency),
      '--first-request',
      String(options.firstRequest),
    ]),
  });
  const stdout = await child.done();
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as LoadResult;
}
