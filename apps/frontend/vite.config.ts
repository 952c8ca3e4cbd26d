import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const telemetryModule = fileURLToPath(new URL('./src/telemetry.ts', import.meta.url));
const telemetryOff = fileURLToPath(new URL('./src/telemetry-off.ts', import.meta.url));

/**
 * `CRUDDUR_TELEMETRY=off` builds the app without its telemetry module (the benchmark's
 * baseline); `VITE_OTEL_SDK_DISABLED=true` keeps the module but leaves tracing off at run time.
 */
function telemetryOffPlugin(): Plugin {
  return {
    name: 'cruddur-telemetry-off',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === telemetryModule ? telemetryOff : null;
    },
  };
}

export default defineConfig({
  plugins: [react(), ...(process.env.CRUDDUR_TELEMETRY === 'off' ? [telemetryOffPlugin()] : [])],
  preview: { port: 3000, strictPort: true },
  server: { port: 3000, strictPort: true },
  // React, the router, zod and telemetry make one ~500 kB (155 kB gzip) chunk by design.
  build: { sourcemap: true, chunkSizeWarningLimit: 600 },
});
