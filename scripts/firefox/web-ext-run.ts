/**
 * `npm run start:firefox`'s browser: Mozilla's `web-ext run`
 * (https://extensionworkshop.com/documentation/develop/web-ext-command-reference/#web-ext-run),
 * which installs dist/firefox as a temporary add-on in a fresh profile of the user's Firefox,
 * opens the page, and reloads the add-on when a new build lands in dist/firefox. Firefox's own
 * `--devtools` switch opens DevTools on the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface FirefoxRun {
  readonly root: string;
  readonly sourceDir: string;
  readonly firefox: string;
  readonly url: string;
  /** Tests: no window, no DevTools. */
  readonly headless?: boolean;
}

/** The `web-ext run` arguments. */
export function webExtRunArgs(run: FirefoxRun): string[] {
  return [
    'run',
    '--no-config-discovery',
    `--source-dir=${run.sourceDir}`,
    `--firefox=${run.firefox}`,
    `--start-url=${run.url}`,
    ...(run.headless ? ['--arg=--headless', '--no-input'] : ['--arg=--devtools']),
  ];
}

/** The project's own `web-ext` (a devDependency). */
export function webExtBin(root: string): string {
  return path.join(root, 'node_modules', '.bin', 'web-ext');
}

/** Starts `web-ext run` with its output on ours. */
export function runWebExt(run: FirefoxRun): ChildProcess {
  return spawn(webExtBin(run.root), webExtRunArgs(run), { cwd: run.root, stdio: 'inherit' });
}
