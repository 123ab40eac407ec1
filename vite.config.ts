import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the SPA with hot reload; start the gateway (`npm start`) on
// port 8080 first so that the Plex paths and the gateway's own API reach it.
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/plex': { target: gatewayUrl, changeOrigin: false },
      '/api': { target: gatewayUrl, changeOrigin: false },
    },
  },
});
