// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInputsDigest } from '../server/build-inputs.js';

let base: string;
let paths: string[];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cruddur-inputs-'));
  await mkdir(join(base, 'src', 'nested'), { recursive: true });
  await writeFile(join(base, 'src', 'main.tsx'), 'render()');
  await writeFile(join(base, 'src', 'nested', 'a.ts'), 'export const a = 1;');
  await writeFile(join(base, 'index.html'), '<div id="root"></div>');
  paths = [join(base, 'src'), join(base, 'index.html'), join(base, 'absent.json')];
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('buildInputsDigest', () => {
  it('is stable while nothing changes, so a second start skips the build', async () => {
    const env = { VITE_BACKEND_URL: 'http://localhost:4567', HOME: '/root' };
    expect(await buildInputsDigest(paths, env, base)).toBe(
      await buildInputsDigest(paths, env, base),
    );
  });

  it('changes with a source file', async () => {
    const before = await buildInputsDigest(paths, {}, base);
    await writeFile(join(base, 'src', 'nested', 'a.ts'), 'export const a = 2;');
    expect(await buildInputsDigest(paths, {}, base)).not.toBe(before);
  });

  it('changes with a build-time setting, and ignores other variables', async () => {
    const plain = await buildInputsDigest(paths, { HOME: '/root' }, base);
    expect(await buildInputsDigest(paths, { HOME: '/elsewhere' }, base)).toBe(plain);
    expect(await buildInputsDigest(paths, { VITE_OTEL_INGEST_KEY: 'k' }, base)).not.toBe(plain);
    expect(await buildInputsDigest(paths, { CRUDDUR_TELEMETRY: 'off' }, base)).not.toBe(plain);
  });

  it('ignores test files, which never reach the bundle', async () => {
    const before = await buildInputsDigest(paths, {}, base);
    await writeFile(join(base, 'src', 'main.test.tsx'), 'it()');
    expect(await buildInputsDigest(paths, {}, base)).toBe(before);
  });
});
