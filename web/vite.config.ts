import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app is built into web/dist, which the server serves at `/`. In development the API is
 * proxied to a server started separately (`npm start`, port 8080 unless API_URL says otherwise).
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is ~600 kB minified; it is loaded only with the charts panel.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:8080' },
  },
});
