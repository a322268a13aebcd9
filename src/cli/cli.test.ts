/**
 * End-to-end tests of the real bin (`node bin/cors-inspector.mjs`), run from source, and of the
 * bundle `vite build -c vite.cli.config.ts` makes of the same sources.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'cors-inspector.mjs');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'har');
const BLOCKED = join(FIXTURES, 'chrome-blocked-at-preflight.har');
const ALLOWED = join(FIXTURES, 'chrome-preflight-cache-hit.har');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The file vite.cli.config.ts writes (dist/cli/cors-inspector.mjs in a real build). */
const BUNDLE_NAME = 'cors-inspector.mjs';
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Runs the bin from source. */
function run(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return node([BIN, ...args], { CORS_INSPECTOR_FROM_SOURCE: '1', ...env }, input);
}

/** Runs `node <args>` in the repository with a minimal environment. */
function node(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cors-inspector-cli-'));
  await writeFile(join(dir, 'huge-url.har'), JSON.stringify({ log: { entries: [{ request: { method: 'GET', url: `http://a/${'x'.repeat(3 * 1024 * 1024)}` }, response: { status: 0 } }] } }));
  await writeFile(join(dir, 'entries-not-array.har'), JSON.stringify({ log: { version: '1.2', entries: 'none' } }));
  const tiny = JSON.stringify({ request: { method: 'GET', url: 'http://a/' }, response: { status: 0 } });
  await writeFile(join(dir, 'many-tiny-entries.har'), `{"log":{"entries":[${Array.from({ length: 100_000 }, () => tiny).join(',')}]}}`);
  const c1 = JSON.parse(await readFile(BLOCKED, 'utf8')) as { log: { entries: { response: { headers: { name: string; value: string }[] } }[] } };
  for (const entry of c1.log.entries) entry.response.headers.push({ name: 'Access-Control-Allow-Origin', value: 'http://x\u0085\u009b31m.test' });
  await writeFile(join(dir, 'c1-controls.har'), JSON.stringify(c1));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each case spawns node + tsx; under a loaded machine that takes seconds, not milliseconds.
describe.concurrent('cors-inspector (bin)', { timeout: 180_000 }, () => {
  it('--help prints usage and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: cors-inspector analyze <file.har> [--format text|json|md|html] [--out FILE]');
    expect(stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const pkg: unknown = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : '';
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 1 with the blocked exchange explained, without colour off a terminal', async () => {
    const { code, stdout, stderr } = await run(['analyze', BLOCKED]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('✗ PUT     http://api.localhost:9000/items blocked  Preflight: Allow-Headers lacks content-type');
    expect(stdout).toContain('Chromium: HeaderDisallowedByPreflightResponse (content-type) · Firefox: CORSMissingAllowHeaderFromPreflight');
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours text when FORCE_COLOR is set, not when NO_COLOR is', async () => {
    expect((await run(['analyze', BLOCKED], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[31m✗\u001b[39m');
    expect((await run(['analyze', BLOCKED], { NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });

  it('exits 0 when nothing is blocked', async () => {
    const { code, stdout } = await run(['analyze', ALLOWED]);
    expect(code).toBe(0);
    expect(stdout).toContain('Allowed (preflight cached, 570 s left)');
  });

  it('keeps the verdict exit status when the reader closes the pipe early (`| head`)', async () => {
    // About 1 MB of JSON: far more than a pipe buffers, so the write meets a closed pipe (EPIPE).
    const lab = join(ROOT, 'test', 'fixtures', 'recorded', 'chromium-lab.har');
    const child = spawn(process.execPath, [BIN, 'analyze', lab, '--format', 'json'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', CORS_INSPECTOR_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });

  it('--format json prints Report JSON', async () => {
    const { code, stdout } = await run(['analyze', BLOCKED, '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      schemaVersion: 3,
      generator: { name: 'cors-inspector' },
      source: { kind: 'har', recorder: 'chromium', file: BLOCKED },
      summary: { exchanges: 1, blocked: 1, allowed: 0, notCors: 0 },
      exchanges: [{ id: '0', verdict: { outcome: 'blocked', chromiumCorsError: 'HeaderDisallowedByPreflightResponse', chromiumFailedParameter: 'content-type', firefoxReason: 'CORSMissingAllowHeaderFromPreflight' } }],
    });
  });

  it('--format json escapes C1 controls (U+0080–U+009F), which some terminals act on', async () => {
    const { stdout } = await run(['analyze', join(dir, 'c1-controls.har'), '--format', 'json', '--no-redact']);
    expect(stdout).toMatch(/http:\/\/x\\u0085\\u009b31m\.test/i);
    expect(stdout).not.toMatch(/[\u0080-\u009f]/);
    expect(JSON.stringify(JSON.parse(stdout))).toContain('http://x\u0085\u009b31m.test');
  });

  // V8 ends a process out of heap with "FATAL ERROR" and a native stack: refuse before that.
  it.each([
    { name: 'a HAR with more entries than the heap can analyze', file: () => join(dir, 'many-tiny-entries.har'), message: /many-tiny-entries\.har: 100000 entries, more than the memory left can analyze/ },
    { name: '/dev/zero (no size: read up to the same limit)', file: () => '/dev/zero', message: /\/dev\/zero is too large \(over \d+ MiB; the limit is \d+ MiB/ },
  ])('$name is refused with one line and exit 2 on a 96 MiB heap', async ({ file, message }) => {
    const { code, stdout, stderr } = await node(['--max-old-space-size=96', BIN, 'analyze', file()], { CORS_INSPECTOR_FROM_SOURCE: '1' });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--format md and html render the same report; --only blocked and --server shape it', async () => {
    const md = await run(['analyze', BLOCKED, '--format', 'md', '--server', 'nginx']);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^# CORS report\n/);
    expect(md.stdout).toContain('**nginx:**');
    expect(md.stdout).toContain('**Reproduce the preflight:**');
    const html = await run(['analyze', ALLOWED, '-f', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    const only = await run(['analyze', ALLOWED, '--only', 'blocked', '-f', 'json']);
    expect(JSON.parse(only.stdout)).toMatchObject({ only: 'blocked', summary: { exchanges: 2 }, exchanges: [] });
  });

  it('redacts by default and keeps real values with --no-redact', async () => {
    const har = JSON.parse(await readFile(BLOCKED, 'utf8')) as { log: { entries: { request: { headers: { name: string; value: string }[] } }[] } };
    for (const entry of har.log.entries) entry.request.headers.push({ name: 'Authorization', value: 'Bearer s3cr3t-t0ken-value' });
    const input = JSON.stringify(har);
    const redacted = await run(['analyze', '-', '-f', 'json'], {}, input);
    expect(redacted.stdout).not.toContain('s3cr3t-t0ken-value');
    expect(JSON.parse(redacted.stdout)).toMatchObject({ redacted: true });
    const plain = await run(['analyze', '-', '-f', 'json', '--no-redact'], {}, input);
    expect(plain.stdout).toContain('s3cr3t-t0ken-value');
    expect(JSON.parse(plain.stdout)).toMatchObject({ redacted: false });
  });

  it('--out writes the report to a file and nothing to stdout', async () => {
    const out = join(dir, 'report.json');
    const { code, stdout, stderr } = await run(['analyze', ALLOWED, '-f', 'json', '--out', out]);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ summary: { exchanges: 2, allowed: 2 } });
  });

  it('reads standard input for "-"', async () => {
    const { code, stdout } = await run(['analyze', '-', '--format', 'json'], {}, await readFile(ALLOWED, 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).not.toHaveProperty('source.file');
  });

  // The bundle is built here, from the sources under test, so the check never depends on (or
  // silently skips for) an earlier `npm run build`, and a build that fails fails the test.
  it('the bundle built from these sources gives the same report as the sources', async () => {
    const outDir = join(dir, 'bundle');
    const built = await node([VITE, 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'error', '--outDir', outDir]);
    expect(built, 'vite build -c vite.cli.config.ts').toMatchObject({ code: 0, stderr: '' });
    const fromBundle = await node([join(outDir, BUNDLE_NAME), 'analyze', BLOCKED, '--format', 'json']);
    const fromSource = await run(['analyze', BLOCKED, '--format', 'json']);
    const strip = (text: string): unknown => ({ ...(JSON.parse(text) as Record<string, unknown>), generatedAt: null });
    expect({ code: fromBundle.code, stderr: fromBundle.stderr }).toEqual({ code: 1, stderr: '' });
    expect(strip(fromBundle.stdout)).toEqual(strip(fromSource.stdout));
  });

  it.each([
    { name: 'missing file', args: () => ['analyze', join(dir, 'nope.har')], message: /^cors-inspector: no such file: .*nope\.har$/ },
    { name: 'a directory', args: () => ['analyze', dir], message: /is a directory, not a file$/ },
    { name: 'not JSON', args: () => ['analyze', join(FIXTURES, 'not-json.har')], message: /not-json\.har: not valid JSON: / },
    { name: 'JSON but not HAR', args: () => ['analyze', join(FIXTURES, 'not-har.json')], message: /not a HAR file: missing the "log" object$/ },
    { name: 'entries not an array', args: () => ['analyze', join(dir, 'entries-not-array.har')], message: /"log\.entries" is not an array \(at log\.entries\)$/ },
    { name: 'an entry without request', args: () => ['analyze', join(FIXTURES, 'entry-missing-request.har')], message: /expected "request" to be an object, got nothing \(at log\.entries\[0\]\.request\)$/ },
    { name: 'a 3 MB URL', args: () => ['analyze', join(dir, 'huge-url.har')], message: /"url" is 3145737 characters long \(limit 2097152\) \(at log\.entries\[0\]\.request\.url\)$/ },
    { name: 'an unknown flag', args: () => ['analyze', BLOCKED, '--colour'], message: /^cors-inspector: Unknown option '--colour' \(see cors-inspector --help\)$/ },
    { name: 'a bad format', args: () => ['analyze', BLOCKED, '--format', 'xml'], message: /unknown format "xml"/ },
    { name: 'no command', args: () => [], message: /missing command/ },
    { name: 'an unwritable --out', args: () => ['analyze', BLOCKED, '--out', join(dir, 'missing-dir', 'r.txt')], message: /its folder does not exist$/ },
  ])('$name → one stderr line, exit 2, no stack trace', async ({ args, message }) => {
    const { code, stdout, stderr } = await run(args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
