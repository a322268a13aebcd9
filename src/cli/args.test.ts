import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';
import { shouldUseColor } from './color.ts';
import { oneLine } from './errors.ts';

describe('parseCliArgs', () => {
  it.each([
    { argv: ['--help'], expected: { ok: true, command: { kind: 'help' } } },
    { argv: ['analyze', '-h'], expected: { ok: true, command: { kind: 'help' } } },
    { argv: ['--version'], expected: { ok: true, command: { kind: 'version' } } },
    { argv: ['analyze', 'a.har'], expected: { ok: true, command: { kind: 'analyze', file: 'a.har', format: 'text', out: null, redact: true, onlyBlocked: false, server: null } } },
    { argv: ['analyze', 'a.har', '--format', 'json', '--out', 'r.json'], expected: { ok: true, command: { kind: 'analyze', file: 'a.har', format: 'json', out: 'r.json', redact: true, onlyBlocked: false, server: null } } },
    { argv: ['analyze', '-f', 'json', '-o', 'r.json', 'a.har'], expected: { ok: true, command: { kind: 'analyze', file: 'a.har', format: 'json', out: 'r.json', redact: true, onlyBlocked: false, server: null } } },
    { argv: ['analyze', '--format=json', '-'], expected: { ok: true, command: { kind: 'analyze', file: '-', format: 'json', out: null, redact: true, onlyBlocked: false, server: null } } },
    {
      argv: ['analyze', 'a.har', '-f', 'md', '--no-redact', '--only', 'blocked', '--server', 'nginx'],
      expected: { ok: true, command: { kind: 'analyze', file: 'a.har', format: 'md', out: null, redact: false, onlyBlocked: true, server: 'nginx' } },
    },
    { argv: ['analyze', 'a.har', '--format=html'], expected: { ok: true, command: { kind: 'analyze', file: 'a.har', format: 'html', out: null, redact: true, onlyBlocked: false, server: null } } },
  ])('$argv', ({ argv, expected }) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it.each([
    { argv: [], message: 'missing command: use "analyze <file.har>"' },
    { argv: ['check', 'a.har'], message: 'unknown command "check": use "analyze <file.har>"' },
    { argv: ['analyze'], message: 'missing HAR file: use "analyze <file.har>" ("-" reads standard input)' },
    { argv: ['analyze', 'a.har', 'b.har'], message: 'unexpected argument "b.har": analyze takes one HAR file' },
    { argv: ['analyze', 'a.har', '--format', 'xml'], message: 'unknown format "xml": use --format text, json, md or html' },
    { argv: ['analyze', 'a.har', '--only', 'allowed'], message: 'unknown --only "allowed": use --only blocked' },
    { argv: ['analyze', 'a.har', '--server', 'iis'], message: 'unknown server "iis": use one of express, nginx, apache, caddy, spring, aspnet, django, fastapi, go' },
    { argv: ['analyze', 'a.har', '--format'], message: "Option '-f, --format <value>' argument missing" },
    { argv: ['analyze', 'a.har', '--colour'], message: "Unknown option '--colour'" },
    { argv: ['analyze', 'a.har', '--out='], message: '--out needs a file name' },
  ])('$argv → usage error', ({ argv, message }) => {
    expect(parseCliArgs(argv)).toEqual({ ok: false, message });
  });
});

describe('shouldUseColor', () => {
  it.each([
    { env: {}, isTTY: true, toFile: false, expected: true },
    { env: {}, isTTY: false, toFile: false, expected: false },
    { env: { NO_COLOR: '1' }, isTTY: true, toFile: false, expected: false },
    // An empty NO_COLOR does not count (https://no-color.org).
    { env: { NO_COLOR: '' }, isTTY: true, toFile: false, expected: true },
    { env: { FORCE_COLOR: '1' }, isTTY: false, toFile: false, expected: true },
    { env: { FORCE_COLOR: '0' }, isTTY: true, toFile: false, expected: false },
    { env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false, toFile: false, expected: true },
    { env: { FORCE_COLOR: '1' }, isTTY: true, toFile: true, expected: false },
  ])('env $env, tty $isTTY, file $toFile → $expected', ({ env, isTTY, toFile, expected }) => {
    expect(shouldUseColor({ env, isTTY, toFile })).toBe(expected);
  });
});

describe('oneLine', () => {
  it('flattens newlines and control characters and bounds the length', () => {
    expect(oneLine('bad\n  input\u001b[31m here')).toBe('bad input [31m here');
    expect(oneLine('x'.repeat(1000)).length).toBe(400);
  });
});
