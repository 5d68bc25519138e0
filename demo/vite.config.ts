import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The demo pages: the overview (index.html) and two partner pages, a knowledge institute's
 * programme page (kennisinstituut.html) and a regional portal on NL Design System tokens with a
 * dark mode (regioportaal.html). `npm start` builds them into demo/dist for the reference server to
 * serve; `npm run dev` serves them from source with hot reload and sends /api to a server
 * started with `npm run server`.
 */
export default defineConfig({
  root: 'demo',
  // The feeds are fetched at run time, from the server; they are not part of the build.
  publicDir: false,
  // The builder's snippets name the versioned CDN file (cop-widgets.<version>.js) of this release.
  define: {
    __COP_VERSION__: JSON.stringify(
      (JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string })
        .version,
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Theme files stay files of their own (never inlined as data: URLs), as a partner links them.
    assetsInlineLimit: (file) => (file.endsWith('.css') ? false : undefined),
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        kennisinstituut: resolve(import.meta.dirname, 'kennisinstituut.html'),
        regioportaal: resolve(import.meta.dirname, 'regioportaal.html'),
        // The embed builder, at /embed on the reference server.
        embed: resolve(import.meta.dirname, 'embed.html'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: ['..'] },
    proxy: { '/api': `http://127.0.0.1:${process.env.SERVER_PORT ?? 8787}` },
  },
});
