/// <reference types="vitest/config" />
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig, type Connect, type Plugin } from 'vite';

/** The server the dev server forwards API and socket calls to (`make run` listens here). */
const BACKEND = process.env.VKYC_DEV_BACKEND ?? 'http://127.0.0.1:8080';

/** In `vite` and `vite preview`, answer /staff/… with the staff app, as the server does. */
function staffFallback(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const path = req.url?.split('?')[0] ?? '';
    if ((path === '/staff' || path.startsWith('/staff/')) && !/\.[a-z0-9]+$/i.test(path)) req.url = '/staff/index.html';
    next();
  };
  return {
    name: 'staff-fallback',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

// Multi-page build: each page is a directory with its index.html, served by the server as
// static files (no CDN, no runtime fetches elsewhere). /staff/ is a single-page app: the
// server answers every /staff/… path with staff/index.html.
export default defineConfig({
  plugins: [
    // JSX for Preact, Preact devtools and hot reload in `vite` dev only. No React aliases:
    // nothing here imports React.
    preact({ reactAliasesEnabled: false, devtoolsInProd: false }),
    staffFallback(),
  ],
  server: {
    proxy: { '/api': BACKEND, '/ws': { target: BACKEND.replace(/^http/, 'ws'), ws: true } },
  },
  preview: {
    proxy: { '/api': BACKEND, '/ws': { target: BACKEND.replace(/^http/, 'ws'), ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'index.html'),
        call: resolve(__dirname, 'call/index.html'),
        agent: resolve(__dirname, 'agent/index.html'),
        staff: resolve(__dirname, 'staff/index.html'),
        id: resolve(__dirname, 'id/index.html'),
        booking: resolve(__dirname, 'booking/index.html'),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
  },
});
