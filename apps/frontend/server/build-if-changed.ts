import { buildFrontend } from './build-frontend.js';

/**
 * `npm run build`'s front-end step: a production build (into `FRONTEND_DIST`, default `dist/`),
 * skipped when its inputs are unchanged.
 */
const started = Date.now();
const outDir = process.env.FRONTEND_DIST;
const built = await buildFrontend(outDir ? { outDir } : {});
console.log(
  built
    ? `[frontend] built in ${((Date.now() - started) / 1000).toFixed(1)}s`
    : '[frontend] build is up to date',
);
