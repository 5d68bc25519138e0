import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The demo partner pages. `npm start` builds them into demo/dist for the reference server to
 * serve; `npm run dev` serves them from source with hot reload and sends /api to a server
 * started with `npm run server`.
 */
export default defineConfig({
  root: 'demo',
  // The feeds are fetched at run time, from the server; they are not part of the build.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: { index: resolve(import.meta.dirname, 'index.html') } },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: ['..'] },
    proxy: { '/api': `http://127.0.0.1:${process.env.SERVER_PORT ?? 8787}` },
  },
});
