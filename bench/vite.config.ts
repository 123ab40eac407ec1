import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const benchDir = import.meta.dirname;

// Builds the baseline page and the page probe into dist-bench/, apart from the dashboard.
export default defineConfig({
  root: resolve(benchDir, 'baseline'),
  logLevel: 'warn',
  build: {
    outDir: resolve(benchDir, '..', 'dist-bench'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(benchDir, 'baseline', 'index.html'),
        'page-probe': resolve(benchDir, 'page-probe.ts'),
      },
      output: {
        // The probe is injected as a classic script, so it needs a fixed name.
        entryFileNames: (chunk) =>
          chunk.name === 'page-probe' ? 'page-probe.js' : 'assets/[name]-[hash].js',
      },
    },
  },
});
