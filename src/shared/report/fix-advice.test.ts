/**
 * Fix advice never makes things worse: for an origin tainted to `null` by a redirect the report
 * does not advise `Access-Control-Allow-Origin: null` without the warning, says to avoid the
 * redirect, and names `*` only where no credentials are needed.
 */
import { describe, expect, it } from 'vitest';
import { evaluateExchange } from '../cors/index.ts';
import type { ObservedExchange } from '../model/exchange.ts';
import { API, OTHER, PAGE, chain, simple } from '../cors/build-exchange.test-util.ts';
import { reportExchange } from './build.ts';

const redirected = (credentials: 'include' | 'omit'): ObservedExchange =>
  chain({ credentials }, [
    { url: API, status: 302, response: [['Location', OTHER], ['Access-Control-Allow-Origin', PAGE], ...(credentials === 'include' ? ([['Access-Control-Allow-Credentials', 'true']] as const) : [])] },
    { url: OTHER, origin: 'null', response: [['Access-Control-Allow-Origin', PAGE]] },
  ]);

const fixOf = (x: ObservedExchange) => reportExchange(x, evaluateExchange(x, { now: 0 })).fix;

describe('fix advice for a null origin', () => {
  it('after a redirect, without credentials: avoid the redirect, or answer *', () => {
    const fix = fixOf(redirected('omit'));
    expect(fix?.headers).toEqual(['Access-Control-Allow-Origin: *']);
    expect(fix?.note).toMatch(/avoid the cross-origin redirect, or let the client call the final URL/);
    expect(fix?.note).toMatch(/as open as `\*`/);
    expect(Object.values(fix?.snippets ?? {}).join('\n')).not.toMatch(/"null"/);
  });

  it('after a redirect, with credentials: no header, the redirect advice and the warning', () => {
    const fix = fixOf(redirected('include'));
    expect(fix?.headers).toEqual([]);
    expect(fix?.note).toMatch(/avoid the cross-origin redirect[^]*With credentials no header fixes it safely[^]*sandboxed iframe/);
    expect(fix?.snippets).toEqual({});
  });

  it('a page whose own origin is opaque gets `null` only with the warning', () => {
    const sandboxed: ObservedExchange = {
      ...simple({ response: [] }),
      initiatorOrigin: 'null',
      legs: simple({ response: [] }).legs.map((leg) => ({ ...leg, request: { ...leg.request, headers: leg.request.headers.map((h) => (h.name === 'Origin' ? { ...h, value: 'null' } : h)) } })),
    };
    const fix = fixOf(sandboxed);
    expect(fix?.headers).toContain('Access-Control-Allow-Origin: null');
    expect(fix?.note).toMatch(/^`Access-Control-Allow-Origin: null` would let it through, but every sandboxed iframe/);
  });

  it('leaves ordinary advice alone', () => {
    expect(fixOf(simple({ response: [] }))?.headers).toEqual([`Access-Control-Allow-Origin: ${PAGE}`, 'Vary: Origin']);
  });
});
