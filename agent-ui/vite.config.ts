/// <reference types="vitest/config" />
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Multi-page build: each page is a directory with its index.html, served by the server as
// static files (no CDN, no runtime fetches elsewhere). /staff/ is a single-page app: the
// server answers every /staff/… path with staff/index.html.
export default defineConfig({
  plugins: [
    // JSX for Preact, Preact devtools and hot reload in `vite` dev only. No React aliases:
    // nothing here imports React.
    preact({ reactAliasesEnabled: false, devtoolsInProd: false }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'index.html'),
        call: resolve(__dirname, 'call/index.html'),
        agent: resolve(__dirname, 'agent/index.html'),
        staff: resolve(__dirname, 'staff/index.html'),
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
