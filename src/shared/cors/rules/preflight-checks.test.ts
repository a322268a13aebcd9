import { describe, expect, it } from 'vitest';
import type { PreflightStep } from './preflight-checks.ts';
import { PREFLIGHT_ORDER, checkListSyntax, checkPreflightRedirect, checkPreflightStatus, matchHeaders, matchMethod } from './preflight-checks.ts';

const STEPS: readonly PreflightStep[] = ['redirect', 'cors-check', 'status', 'allow-methods-syntax', 'allow-headers-syntax', 'method', 'headers'];

describe('preflight checks return failure values carrying the offending value', () => {
  it.each([
    [302, [['Location', '/x']], { code: 'preflight-redirect', value: '/x' }],
    [307, [['location', 'https://a.test/']], { code: 'preflight-redirect', value: 'https://a.test/' }],
    [302, [], null],
    [204, [['Location', '/x']], null],
  ] as const)('redirect: %s %j', (status, lines, expected) => {
    expect(checkPreflightRedirect({ status, headers: lines.map(([name, value]) => ({ name, value })) })).toEqual(expected);
  });

  it.each([
    [200, null],
    [204, null],
    [299, null],
    [404, { code: 'preflight-invalid-status', value: '404' }],
    [500, { code: 'preflight-invalid-status', value: '500' }],
  ] as const)('status %s', (status, expected) => {
    expect(checkPreflightStatus(status)).toEqual(expected);
  });

  it('list syntax names the bad token; absent parses', () => {
    expect(checkListSyntax(null, 'invalid-allow-methods')).toBeNull();
    expect(checkListSyntax({ ok: true, items: ['PUT'] }, 'invalid-allow-methods')).toBeNull();
    expect(checkListSyntax({ ok: false, invalid: 'PUT;', items: [] }, 'invalid-allow-headers')).toEqual({ code: 'invalid-allow-headers', value: 'PUT;' });
  });

  it.each([
    ['GET', [], false, 'safelisted', null],
    ['PUT', ['PUT'], true, 'listed', null],
    ['PUT', ['*'], false, 'wildcard', null],
    ['PUT', ['*'], true, null, null],
    ['PATCH', ['patch'], false, null, 'patch'],
    ['DELETE', ['delete', 'GET'], true, null, 'delete'],
  ] as const)('method %s against %j (credentialed %s)', (method, items, credentialed, allowedBy, caseOnly) => {
    const match = matchMethod(method, items, credentialed);
    expect(match.allowedBy).toBe(allowedBy);
    expect(match.caseOnly).toBe(caseOnly);
    expect(match.failure).toEqual(allowedBy === null ? { code: 'method-disallowed-by-preflight', value: method } : null);
  });

  it.each([
    [['x-a', 'x-b'], ['x-a', 'x-b'], false, [], false],
    [['x-b', 'x-a'], ['x-c'], false, ['x-b', 'x-a'], false],
    [['authorization', 'x-a'], ['*'], false, [], true],
    [['authorization'], ['*'], true, ['authorization'], false],
    [['x-a'], ['*', 'x-a'], true, [], false],
  ] as const)('headers %j against %j (credentialed %s)', (names, items, credentialed, missing, authorizationByWildcard) => {
    const match = matchHeaders(names, items, credentialed);
    expect(match.missing).toEqual(missing);
    expect(match.authorizationByWildcard).toBe(authorizationByWildcard);
    expect(match.failure).toEqual(missing[0] === undefined ? null : { code: 'header-disallowed-by-preflight', value: missing[0] });
  });
});

describe('each browser orders every preflight step once', () => {
  it.each(['chromium', 'firefox'] as const)('%s', (browser) => {
    const steps = PREFLIGHT_ORDER[browser].flat();
    expect([...steps].sort()).toEqual([...STEPS].sort());
  });
});
