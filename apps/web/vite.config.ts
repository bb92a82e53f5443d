import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The web console. `npm run dev:web` serves it on :5173 and proxies the API (started with
 * `npm run dev:api` on :3000); `npm run build` writes it to dist/apps/web, which the API serves at `/`.
 */
export default defineConfig({
  root: here,
  plugins: [react()],
  // Pure enum/label files shared with the API (no decorators, no Node imports).
  resolve: { alias: { '@shared': `${repo}libs` } },
  build: { outDir: `${repo}dist/apps/web`, emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000', '/admin': 'http://localhost:3000' },
  },
});
