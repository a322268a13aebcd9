import { describe, expect, it } from 'vitest';
import { materialize, respondKnobs, respondScenario, type LabRequest } from './respond.ts';
import type { Origins } from './urls.ts';
import { values } from './test-http.ts';

const origins: Origins = {
  'same-origin': 'http://localhost:1000',
  'same-site': 'http://localhost:1001',
  'cross-site': 'http://127.0.0.1:1001',
  'same-site-alt': 'http://localhost:1002',
  'cross-site-alt': 'http://127.0.0.1:1002',
};

function req(method: string, url: string, headers: Record<string, string> = {}): LabRequest {
  const u = new URL(url, 'http://x');
  return { method, pathname: u.pathname, query: u.searchParams, header: (n) => headers[n.toLowerCase()] };
}

describe('respondScenario', () => {
  it('ignores paths outside /s/', () => {
    expect(respondScenario(req('GET', '/'), origins)).toBeNull();
  });

  it('answers unknown scenarios and steps with a plain 404', () => {
    expect(respondScenario(req('GET', '/s/nope/0?run=a'), origins)?.status).toBe(404);
    expect(respondScenario(req('GET', '/s/simple-get-pass/9?run=a'), origins)?.status).toBe(404);
    expect(respondScenario(req('GET', '/s/simple-get-pass/0/5?run=a'), origins)?.status).toBe(404);
  });

  it('expands {origin} from the request and falls back to the page origin', () => {
    const withOrigin = respondScenario(req('GET', '/s/simple-get-pass/0/0?run=a', { origin: 'null' }), origins);
    expect(values(withOrigin?.headers ?? [], 'access-control-allow-origin')).toEqual(['null']);
    const without = respondScenario(req('GET', '/s/simple-get-pass/0?run=a'), origins);
    expect(values(without?.headers ?? [], 'access-control-allow-origin')).toEqual(['http://localhost:1000']);
  });

  it('answers OPTIONS from the hop preflight, or 404 without CORS headers when there is none', () => {
    const pre = respondScenario(req('OPTIONS', '/s/preflight-put-pass/0/0?run=a', { origin: 'http://localhost:1000' }), origins);
    expect(pre?.status).toBe(204);
    expect(values(pre?.headers ?? [], 'access-control-allow-methods')).toEqual(['PUT']);
    expect(pre?.body.length).toBe(0);
    const none = respondScenario(req('OPTIONS', '/s/simple-get-pass/0/0?run=a'), origins);
    expect(none?.status).toBe(404);
    expect(values(none?.headers ?? [], 'access-control-allow-origin')).toEqual([]);
  });

  it('keeps duplicate header lines', () => {
    const r = respondScenario(req('GET', '/s/acao-two-lines/0/0?run=a', { origin: 'http://localhost:1000' }), origins);
    expect(values(r?.headers ?? [], 'access-control-allow-origin')).toEqual(['http://localhost:1000', 'http://localhost:1000']);
  });

  it('points redirects at the next hop on the target origin, keeping the run', () => {
    const r = respondScenario(req('GET', '/s/redirect-cross-to-other-acao-null/0/0?run=r1'), origins);
    expect(r?.status).toBe(302);
    expect(values(r?.headers ?? [], 'location')).toEqual(['http://127.0.0.1:1001/s/redirect-cross-to-other-acao-null/0/1?run=r1']);
    const u = respondScenario(req('GET', '/s/redirect-userinfo/0/0?run=r1'), origins);
    expect(values(u?.headers ?? [], 'location')).toEqual(['http://user:pass@127.0.0.1:1001/s/redirect-userinfo/0/1?run=r1']);
  });

  it('serves sameUrlAs steps from the referenced step', () => {
    const r = respondScenario(req('OPTIONS', '/s/cache-max-age-60/0/0?run=a'), origins);
    expect(values(r?.headers ?? [], 'access-control-max-age')).toEqual(['60']);
  });

  it('expands {run} and {scenario} in Set-Cookie', () => {
    const r = respondScenario(req('GET', '/s/cookie-samesite-none-secure/0/0?run=abc'), origins);
    expect(values(r?.headers ?? [], 'set-cookie')).toEqual(['lab_abc=1; Path=/s/cookie-samesite-none-secure/; SameSite=None; Secure']);
  });

  it('echoes method, origin and cookie in the default body', () => {
    const r = respondScenario(req('PUT', '/s/preflight-put-pass/0/0?run=a', { origin: 'http://o', cookie: 'a=1' }), origins);
    expect(JSON.parse(r?.body.toString() ?? '')).toEqual({ scenario: 'preflight-put-pass', step: 0, hop: 0, method: 'PUT', origin: 'http://o', cookie: 'a=1' });
    expect(values(r?.headers ?? [], 'content-length')).toEqual([String(r?.body.length)]);
  });
});

describe('respondKnobs', () => {
  it('builds preflight and actual answers from query knobs', () => {
    const pre = respondKnobs(req('OPTIONS', '/k/x?acao=origin&acam=PUT&acah=x-a&max_age=7&pstatus=200', { origin: 'http://o' }), origins);
    expect(pre?.status).toBe(200);
    expect(pre?.headers.slice(0, 4)).toEqual([
      ['Access-Control-Allow-Origin', 'http://o'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a'], ['Access-Control-Max-Age', '7'],
    ]);
    const actual = respondKnobs(req('GET', '/k/x?acao=*&status=418&aceh=x-b'), origins);
    expect(actual?.status).toBe(418);
    expect(values(actual?.headers ?? [], 'access-control-expose-headers')).toEqual(['x-b']);
    expect(respondKnobs(req('GET', '/nope'), origins)).toBeNull();
  });
});

describe('materialize', () => {
  it('sends no body and no Content-Length for 204 and HEAD', () => {
    const ctx = { req: req('GET', '/'), origins, run: 'r', scenario: 's', step: 0, hop: 0 };
    expect(materialize({ status: 204 }, ctx).headers).toEqual([['Cache-Control', 'no-store']]);
    expect(materialize({ status: 200 }, { ...ctx, req: req('HEAD', '/') }).body.length).toBe(0);
  });

  it('does not add Cache-Control or Content-Type when the spec sets them', () => {
    const ctx = { req: req('GET', '/'), origins, run: 'r', scenario: 's', step: 0, hop: 0 };
    const r = materialize({ status: 200, headers: [['cache-control', 'max-age=5'], ['content-type', 'text/x']] }, ctx);
    expect(values(r.headers, 'cache-control')).toEqual(['max-age=5']);
    expect(values(r.headers, 'content-type')).toEqual(['text/x']);
  });
});
