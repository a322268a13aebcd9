/**
 * The page server's static files: HTML/CSS from lab/page/, and the page scripts bundled from
 * TypeScript with esbuild on first request (cached for the process).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { scenarios } from './scenarios.ts';
import type { Scenario } from './types.ts';
import type { Origins } from './urls.ts';

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/frame.html': { file: 'frame.html', type: 'text/html; charset=utf-8' },
  '/burst.html': { file: 'burst.html', type: 'text/html; charset=utf-8' },
  '/lab.css': { file: 'lab.css', type: 'text/css; charset=utf-8' },
};

const BUNDLES: Record<string, string> = {
  '/lab.js': 'app.ts',
  '/frame.js': 'frame.ts',
  '/worker.js': 'worker.ts',
  '/burst.js': 'burst.ts',
  '/shared-worker.js': 'shared-worker.ts',
  '/sw.js': 'service-worker.ts',
};

/** Bundled as ES modules (`new Worker(url, { type: 'module' })`). */
const MODULE_BUNDLES: Record<string, string> = {
  '/module-worker.js': 'worker.ts',
};

const bundleCache = new Map<string, Promise<string>>();

async function bundle(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const out = await build({
    entryPoints: [join(PAGE_DIR, entry)],
    bundle: true,
    write: false,
    format,
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

export interface StaticFile {
  type: string;
  body: Buffer;
}

/** The static file for `pathname`, or null when it is not one. */
export async function staticFile(pathname: string, origins: Origins, table: readonly Scenario[] = scenarios): Promise<StaticFile | null> {
  if (pathname === '/scenarios.json') return { type: 'application/json', body: Buffer.from(JSON.stringify(table)) };
  if (pathname === '/origins.json') return { type: 'application/json', body: Buffer.from(JSON.stringify(origins)) };
  const file = FILES[pathname];
  if (file) return { type: file.type, body: await readFile(join(PAGE_DIR, file.file)) };
  const format = MODULE_BUNDLES[pathname] !== undefined ? 'esm' : 'iife';
  const entry = BUNDLES[pathname] ?? MODULE_BUNDLES[pathname];
  if (entry) {
    const key = `${format}:${entry}`;
    let p = bundleCache.get(key);
    if (!p) {
      p = bundle(entry, format);
      bundleCache.set(key, p);
      p.catch(() => bundleCache.delete(key));
    }
    return { type: 'text/javascript; charset=utf-8', body: Buffer.from(await p) };
  }
  return null;
}
