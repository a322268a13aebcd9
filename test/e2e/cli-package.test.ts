/**
 * The CLI installs as a command outside the checkout: `npm pack` (which builds the bundle first),
 * then `npm install -g --prefix <tmp> <tarball> --offline` — no network, so the bundle must carry
 * every dependency — and `cors-inspector analyze` on a HAR from another directory. The tarball
 * holds the command and its bundle, no sources, tests or source maps.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../harness/browsers.ts';

const run = promisify(execFile);
const HAR = path.join(ROOT, 'test/fixtures/har/chrome-blocked-at-preflight.har');

interface PackResult {
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

let work: string;
let pack: PackResult;
let command: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'cors-inspector-pack-'));
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 240_000 });
  const packed = (JSON.parse(stdout) as PackResult[])[0];
  if (packed === undefined) throw new Error(`npm pack printed no package: ${stdout}`);
  pack = packed;
  const prefix = path.join(work, 'prefix');
  await run('npm', ['install', '--global', '--prefix', prefix, path.join(work, pack.filename), '--offline', '--no-audit', '--no-fund'], { cwd: work, timeout: 120_000 });
  command = path.join(prefix, 'bin', 'cors-inspector');
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs the installed command in the temp directory (not the checkout); resolves whatever its exit code. */
async function cli(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(command, args, { cwd: work, timeout: 60_000 });
    return { stdout, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; code?: number };
    return { stdout: e.stdout ?? '', code: e.code ?? -1 };
  }
}

describe('the CLI as an installed package', () => {
  it('ships the command and its bundle only', () => {
    const files = pack.files.map((f) => f.path).sort();
    expect(files).toEqual(['README.md', 'bin/cors-inspector.mjs', 'dist/cli/cors-inspector.mjs', 'package.json']);
    expect(readFileSync(path.join(ROOT, 'bin/cors-inspector.mjs'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // Everything the bundle imports is built into Node.
    const bundle = readFileSync(path.join(ROOT, 'dist/cli/cors-inspector.mjs'), 'utf8');
    const imported = [...bundle.matchAll(/^import\s.*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((spec) => !spec.startsWith('node:'))).toEqual([]);
  });

  it('analyzes a HAR from outside the checkout, offline', async () => {
    const text = await cli('analyze', HAR);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('1 blocked');
    expect(text.stdout).toContain('HeaderDisallowedByPreflightResponse');
    const json = await cli('analyze', HAR, '--format', 'json');
    expect((JSON.parse(json.stdout) as { summary: { blocked: number } }).summary.blocked).toBe(1);
  });
});
