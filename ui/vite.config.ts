/**
 * Vite config for the Funnelflow web UI.
 *
 * Built from the repository root (`npx vite build --config ui/vite.config.ts`), so every path
 * here is resolved from this file's folder, never from the working directory.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';

const uiRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The API server (`npm run dev`, port 3000; `FUNNELFLOW_API_URL` points elsewhere);
 * `ws: true` forwards the `/api/ws` upgrade as well.
 */
const apiTarget = process.env.FUNNELFLOW_API_URL ?? 'http://127.0.0.1:3000';
const apiProxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, ws: true },
};

export default defineConfig({
  root: uiRoot,
  base: '/',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  // Vite 8 transforms TS/JSX with oxc: Preact's automatic JSX runtime (`preact/jsx-runtime`).
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
