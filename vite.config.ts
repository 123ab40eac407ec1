import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev` serves the SPA with hot reload; start the gateway (`npm start`) on
// port 8080 first so that the Plex paths and the gateway's own API reach it.
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    // Tailwind 4's CSS already needs Chrome 111, Safari 16.4 or Firefox 128, and all of them
    // understand <link rel="modulepreload">, so Vite's polyfill for it would be dead weight.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/plex': { target: gatewayUrl, changeOrigin: false },
      '/api': { target: gatewayUrl, changeOrigin: false },
    },
  },
});

const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json)$/;
// Below this size the compressed copy saves less than a packet.
const MIN_BYTES = 1024;

/**
 * Writes a `.br` and a `.gz` copy of each text file of the build, at the highest levels, so the
 * gateway can send them as they are (`@fastify/static` with `preCompressed`) and never compresses
 * per request. The event stream is not a file and is never compressed.
 */
function precompress(): Plugin {
  let outDir = 'dist';

  return {
    name: 'plex-activity-monitor:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      for (const file of await listFiles(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = await readFile(file);
        if (content.length < MIN_BYTES) continue;
        await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
