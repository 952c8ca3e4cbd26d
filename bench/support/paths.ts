import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ sits directly under it). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored scratch folder for data files and payloads that runs may reuse. */
export const BENCH_DIR = join(REPO_ROOT, '.bench');

export function benchPath(...parts: string[]): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  return join(BENCH_DIR, ...parts);
}

/** A bench entry point run as its own process (`node --import tsx <file>`). */
export function benchScript(relative: string): string {
  return join(REPO_ROOT, 'bench', relative);
}
