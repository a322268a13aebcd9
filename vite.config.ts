/**
 * Builds the extension for one browser: `vite build --mode chrome` → dist/chrome,
 * `vite build --mode firefox` → dist/firefox. The manifest comes from manifest.config.ts.
 */
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, defineManifest } from '@crxjs/vite-plugin';
import { manifestFor, PANEL_PAGE, type Target } from './manifest.config.ts';

function targetOf(mode: string): Target {
  if (mode === 'chrome' || mode === 'firefox') return mode;
  throw new Error(`vite --mode must be "chrome" or "firefox", got "${mode}"`);
}

export default defineConfig(({ mode }) => {
  const target = targetOf(mode);
  return {
    plugins: [
      preact(),
      crx({ manifest: defineManifest(manifestFor(target) as never), browser: target }),
    ],
    define: { __TARGET__: JSON.stringify(target) },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { panel: PANEL_PAGE } },
    },
  };
});
