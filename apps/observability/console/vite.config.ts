import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The console builds into the server's `dist/console/`, which `src/http/console-routes.ts` serves. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `vite --config console/vite.config.ts` during development, against a local server on 4318.
    proxy: Object.fromEntries(
      ['/api', '/1', '/v1', '/health', '/Traces'].map((p) => [p, 'http://127.0.0.1:4318']),
    ),
  },
});
