import { defineConfig } from 'vite';

/**
 * `npm start` until the reference server lands: Vite serves the demo pages, the demo feeds
 * and the widgets' TypeScript sources straight from src/.
 */
export default defineConfig({
  root: 'demo',
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1' },
});
