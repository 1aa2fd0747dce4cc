import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The officials' admin is served by the API server under /admin (see server/src/http/webApps.ts). */
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
