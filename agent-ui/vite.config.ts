import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Multi-page build: each page is a directory with its index.html, served by the server as
// static files (no CDN, no runtime fetches elsewhere).
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'index.html'),
        call: resolve(__dirname, 'call/index.html'),
        agent: resolve(__dirname, 'agent/index.html'),
      },
    },
  },
});
