import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// This file's folder, so the build lands in apps/web/dist wherever vite is started from.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    // The domain's zone layer imports the Temporal polyfill; the browser build takes the browser's
    // own Temporal and fetches the polyfill only where there is none (src/app/temporal.ts).
    alias: [{ find: /^temporal-polyfill$/, replacement: `${root}src/app/temporal.ts` }],
  },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    // The Fastify server (`kalendaryo serve`) answers the API; same origin for cookies and CSRF.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
