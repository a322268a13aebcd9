import { describe, expect, it } from 'vitest';
import { hasDisplay, parseStartOptions } from './start-options.ts';

describe('npm start options', () => {
  it.each([
    [[], { url: null, help: false }],
    [['--url', 'https://my.app.test'], { url: 'https://my.app.test', help: false }],
    [['--url=http://localhost:3000/app'], { url: 'http://localhost:3000/app', help: false }],
    [['--help'], { url: null, help: true }],
  ])('%j', (argv, expected) => {
    expect(parseStartOptions(argv)).toEqual(expected);
  });

  it.each([
    [['--url', 'my.app.test'], /not a URL/],
    [['--url', 'ftp://my.app.test/'], /only http and https/],
    [['--port', '3'], /Unknown option '--port'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseStartOptions(argv)).toThrow(message);
  });

  it.each([
    [{ DISPLAY: ':0' }, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [{}, 'linux', false],
    [{}, 'darwin', true],
    [{}, 'win32', true],
  ] as const)('a display with %j on %s: %s', (env, platform, expected) => {
    expect(hasDisplay(env, platform)).toBe(expected);
  });
});
