/**
 * Real bash over random requests: the command `renderCurlPosix` writes, run by `bash -c` (by an
 * interactive bash, where `!` history expansion is on, and by `zsh -c` where zsh is installed), must hand a stub `curl` exactly the
 * argument list the invocation means (bytes), and the body on stdin when it went through
 * `printf`. Values are built from shell metacharacters, `$(…)`, backticks, quotes, `!`, `%`, `^`,
 * newlines, NUL, C1 controls, bidi overrides and non-ASCII text; each tries to create a canary
 * file, which must never exist.
 */
import fc from 'fast-check';
// eslint-disable-next-line no-restricted-imports -- the test runs real bash; the module under test stays pure
import { spawnSync } from 'node:child_process';
// eslint-disable-next-line no-restricted-imports -- as above
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { tmpdir } from 'node:os';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8 } from './bytes.ts';
import { curlInvocation, renderCurlPosix, type CurlInvocation } from './curl.ts';
import type { HandoffRequest } from './request-parts.ts';

let dir = '';
let canary = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'handoff-bash-'));
  canary = join(dir, 'CANARY');
  mkdirSync(join(dir, 'bin'));
  // The stub records its arguments NUL-separated (no argument can hold a NUL) and its stdin.
  writeFileSync(join(dir, 'bin', 'curl'), '#!/bin/bash\nprintf \'%s\\0\' "$@" > "$OUT/argv"\ncat > "$OUT/stdin"\n');
  chmodSync(join(dir, 'bin', 'curl'), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fragments that would run `touch CANARY` if any reached a shell unquoted. */
function hostile(): fc.Arbitrary<string> {
  const touch = (): string => `touch ${canary}`;
  return fc.constantFrom(
    "'", '"', '\\', '$', '`', ';', '&', '|', '%', '^', '!', '!!', '!-1', '#', '*', '?', '~', '{', '}', '[', ']', '(', ')', '<', '>',
    `$(${touch()})`, `\`${touch()}\``, `;${touch()};`, `|${touch()}`, `&&${touch()}`, `\n${touch()}\n`, `'$(${touch()})'`,
    `"$(${touch()})"`, `$'\\x27;${touch()}'`, '%PATH%', '%PATH^%', '^&calc', '\r', '\n', '\t', '\u0000', '\u001b[31m', '\u0085',
    '\u009b', '\u202e', '\u2066', '\u200b', '\ufeff', 'é', '😀', 'ß', '\u00a0', '日本', '\\x41', '\\u0041',
  );
}

const text = fc.array(fc.oneof({ weight: 3, arbitrary: hostile() }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), {
  maxLength: 8,
}).map((parts) => parts.join(''));

const request: fc.Arbitrary<HandoffRequest> = fc.record({
  kind: fc.constant('request' as const),
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE'), text),
  url: text.map((t) => `http://127.0.0.1:1/${t}`),
  headers: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('X-Custom', 'Content-Type', 'Origin'), text), value: text }), { maxLength: 4 }),
  body: fc.option(
    fc.oneof(
      text.map((t) => ({ bytes: utf8(t), text: t, replacedSurrogates: false })),
      fc.uint8Array({ maxLength: 24 }).map((bytes) => ({ bytes, text: null, replacedSurrogates: false })),
    ),
  ),
  notes: fc.constant([]),
});

/** What the stub must receive: the invocation's words as bytes (NUL left out of arguments), then the body. */
function expected(invocation: CurlInvocation): { argv: Uint8Array; stdin: Uint8Array } {
  const words: Uint8Array[] = [];
  for (const group of invocation.groups) {
    for (const word of group) {
      const bytes = 'flag' in word ? utf8(word.flag) : typeof word.value === 'string' ? utf8(word.value) : word.value;
      words.push(bytes.filter((b) => b !== 0));
    }
  }
  let stdin: Uint8Array = new Uint8Array(0);
  const body = invocation.body;
  if (body !== null && body.includes(0)) {
    words.push(utf8('--data-binary'), utf8('@-'));
    stdin = body;
  } else if (body !== null) {
    words.push(utf8('--data-raw'), body);
  }
  const argv = new Uint8Array(words.reduce((n, w) => n + w.length + 1, 0));
  let at = 0;
  for (const w of words) {
    argv.set(w, at);
    at += w.length + 1;
  }
  return { argv, stdin };
}

function runBash(script: string, interactive: boolean, shell = 'bash'): { argv: Uint8Array; stdin: Uint8Array; stderr: string } {
  rmSync(join(dir, 'argv'), { force: true });
  rmSync(join(dir, 'stdin'), { force: true });
  const env = { PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}`, OUT: dir, HOME: dir, LANG: 'C.UTF-8' };
  const result = interactive
    ? spawnSync('bash', ['--norc', '--noprofile', '-i'], { cwd: dir, input: `${script}\nexit\n`, env, timeout: 10_000 })
    : spawnSync(shell, ['-c', script], { cwd: dir, env, timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (name: string): Uint8Array => (existsSync(join(dir, name)) ? new Uint8Array(readFileSync(join(dir, name))) : new Uint8Array([255]));
  return { argv: read('argv'), stdin: read('stdin'), stderr: result.stderr.toString() };
}

// Each case spawns bash (tens of milliseconds on a loaded machine).
describe('renderCurlPosix in real bash', { timeout: 180_000 }, () => {
  it('hands curl exactly the intended bytes and never runs anything (bash -c)', () => {
    fc.assert(
      fc.property(request, (req) => {
        const invocation = curlInvocation(req);
        const got = runBash(renderCurlPosix(invocation), false);
        const want = expected(invocation);
        expect(existsSync(canary)).toBe(false);
        expect(Buffer.from(got.argv).toString('hex')).toBe(Buffer.from(want.argv).toString('hex'));
        expect(Buffer.from(got.stdin).toString('hex')).toBe(Buffer.from(want.stdin).toString('hex'));
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  // zsh reads `$'…'`, single quotes and printf's `\ddd` the same way. zsh is a test prerequisite
  // like the browsers (README; `.ci/run` installs it): a missing zsh fails, never skips.
  it('does the same in zsh -c', () => {
    expect(spawnSync('zsh', ['-c', 'true']).status, 'zsh is not installed (apt-get install -y zsh)').toBe(0);
    fc.assert(
      fc.property(request, (req) => {
        const invocation = curlInvocation(req);
        const got = runBash(renderCurlPosix(invocation), false, 'zsh');
        const want = expected(invocation);
        expect(existsSync(canary)).toBe(false);
        expect(Buffer.from(got.argv).toString('hex')).toBe(Buffer.from(want.argv).toString('hex'));
        expect(Buffer.from(got.stdin).toString('hex')).toBe(Buffer.from(want.stdin).toString('hex'));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('does the same when pasted into an interactive bash (history expansion on)', () => {
    fc.assert(
      fc.property(request, (req) => {
        const invocation = curlInvocation(req);
        const got = runBash(renderCurlPosix(invocation), true);
        expect(got.stderr).not.toMatch(/event not found/);
        expect(existsSync(canary)).toBe(false);
        expect(Buffer.from(got.argv).toString('hex')).toBe(Buffer.from(expected(invocation).argv).toString('hex'));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
