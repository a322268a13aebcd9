/**
 * `npm test`: build, typecheck, lint, `web-ext lint`, then every vitest project (unit, ui, and
 * e2e in real Chromium and Firefox). Ends with one plain line `N passed, N failed` — the vitest
 * tests plus the static checks, each counted once — and exits non-zero on any failure.
 *
 * A missing browser fails the run with one line naming what to install (or CHROME_PATH /
 * FIREFOX_PATH to set); browser tests are never skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumPath, firefoxPath, MissingBrowserError, ROOT } from '../test/harness/browsers.ts';

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const bin = (name: string): string => path.join(ROOT, 'node_modules/.bin', name);

function run(step: Step): boolean {
  console.log(`\n── ${step.name}: ${[path.basename(step.command), ...step.args].join(' ')}`);
  const result = spawnSync(step.command, step.args, { cwd: ROOT, stdio: 'inherit' });
  return result.status === 0;
}

function browsersPresent(): boolean {
  try {
    console.log(`Chromium: ${chromiumPath()}\nFirefox:  ${firefoxPath()}`);
    return true;
  } catch (error) {
    if (error instanceof MissingBrowserError) {
      console.error(error.message);
      return false;
    }
    throw error;
  }
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

function main(): number {
  if (!browsersPresent()) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  const checks: Step[] = [
    { name: 'build', command: 'npm', args: ['run', '--silent', 'build'] },
    { name: 'typecheck', command: bin('tsc'), args: ['-p', '.'] },
    { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
    { name: 'web-ext lint', command: bin('web-ext'), args: ['lint', '--source-dir', 'dist/firefox', '--no-config-discovery'] },
  ];
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  for (const step of checks) {
    if (run(step)) passed += 1;
    else {
      failed += 1;
      failures.push(step.name);
      if (step.name === 'build') break; // nothing else means anything without a build
    }
  }
  if (!failures.includes('build')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cors-inspector-vitest-'));
    const jsonFile = path.join(dir, 'vitest.json');
    const ok = run({
      name: 'vitest (unit, ui, e2e)',
      command: bin('vitest'),
      args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`],
    });
    try {
      const summary = JSON.parse(readFileSync(jsonFile, 'utf8')) as VitestJson;
      passed += summary.numPassedTests;
      failed += summary.numFailedTests;
      if (summary.numPendingTests + summary.numTodoTests > 0) {
        console.log(`(${summary.numPendingTests + summary.numTodoTests} vitest tests skipped or todo)`);
      }
      if (!ok && summary.numFailedTests === 0) {
        failed += 1;
        failures.push('vitest (a suite failed to load or run)');
      } else if (!ok) failures.push('vitest');
    } catch {
      failed += 1;
      failures.push('vitest (no result file)');
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exit(main());
