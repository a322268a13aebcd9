/** `npm run package`: zips dist/chrome and dist/firefox into artifacts/ for the stores. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

for (const target of ['chrome', 'firefox'] as const) {
  const result = spawnSync(
    path.join(ROOT, 'node_modules/.bin/web-ext'),
    ['build', '--source-dir', `dist/${target}`, '--artifacts-dir', 'artifacts', '--filename', `cors-inspector-${target}-${version}.zip`, '--overwrite-dest', '--no-config-discovery'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log(`artifacts/cors-inspector-chrome-${version}.zip\nartifacts/cors-inspector-firefox-${version}.zip`);
