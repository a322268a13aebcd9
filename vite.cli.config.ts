/**
 * Builds the HAR CLI: `vite build -c vite.cli.config.ts` → dist/cli/cors-inspector.mjs, one ES
 * module for Node 20 with node built-ins left as imports and everything else bundled (the CLI
 * has no runtime dependencies). bin/cors-inspector.mjs runs it when present.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  // The extension's static files (public/) have no place in the CLI bundle.
  publicDir: false,
  build: {
    ssr: 'src/cli/run.ts',
    target: 'node20',
    outDir: 'dist/cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'cors-inspector.mjs' },
    },
  },
  ssr: {
    // Bundle every dependency; only node: built-ins stay external.
    noExternal: true,
    target: 'node',
  },
});
