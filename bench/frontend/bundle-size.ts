import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  readonly rawBytes: number;
  /** gzip at its default level, as servers and Vite's own report compress. */
  readonly gzipBytes: number;
}

/** What a browser downloads from a production build: its JS and CSS (source maps excluded). */
export async function bundleSize(outDir: string): Promise<BundleSize> {
  const assets = join(outDir, 'assets');
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const name of await readdir(assets)) {
    if (!['.js', '.css'].includes(extname(name))) continue;
    const bytes = await readFile(join(assets, name));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return { rawBytes, gzipBytes };
}
