import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The API's routes, for `npx vite apps/web` during development (the API on its usual port). */
const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const apiRoutes = ['/decisions', '/catalog-items', '/consultations', '/comments', '/documents', '/actor-keys', '/registrar-keys', '/system-keys', '/log', '/web-config'];

/**
 * The web application: React, Ant Design, TanStack Query. Served by the API
 * under /app (apps/api/src/web/static.ts). JSX by Vite's own transform
 * (tsconfig: jsx react-jsx); nothing is fetched at build or run time.
 */
export default defineConfig({
  root: here,
  base: '/app/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // Ant Design's modules start with "use client" (for React server components), which a browser bundle drops: not news.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: { proxy: Object.fromEntries(apiRoutes.map((r) => [r, API])) },
});
