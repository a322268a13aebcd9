#!/usr/bin/env node
// cors-inspector's `bin`. Runs the built bundle (dist/cli/cors-inspector.mjs) when present,
// otherwise the TypeScript sources through tsx, so `npx cors-inspector …` works right after
// `npm install`. CORS_INSPECTOR_FROM_SOURCE=1 forces the sources (tests, development).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'cors-inspector.mjs');
const source = join(root, 'src', 'cli', 'run.ts');

function fail(message) {
  process.stderr.write(`cors-inspector: ${String(message).replace(/\s+/g, ' ').trim()}\n`);
  process.exitCode = 2;
}

try {
  if (process.env.CORS_INSPECTOR_FROM_SOURCE !== '1' && existsSync(bundle)) {
    await import(pathToFileURL(bundle).href);
  } else {
    let register;
    try {
      ({ register } = await import('tsx/esm/api'));
    } catch {
      fail('no build found (dist/cli/cors-inspector.mjs) and tsx is not installed: run "npm install" or build the CLI');
    }
    if (register !== undefined) {
      register();
      await import(pathToFileURL(source).href);
    }
  }
} catch (error) {
  fail(`internal error: ${error instanceof Error ? error.message : error}`);
}
