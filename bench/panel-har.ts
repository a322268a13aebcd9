/**
 * A synthetic Chrome-style HAR (HAR 1.2 as DevTools exports it, preflights as their own entries
 * with `_resourceType: "preflight"`) of `n` cross-origin exchanges, cycling through five kinds:
 * allowed simple GET, allowed preflighted PUT, a preflight missing Allow-Headers, a missing
 * Allow-Origin, and a credentialed request answered with `*`. For the panel's benchmark and e2e.
 */
const PAGE = 'http://localhost:8000';
const APIS = ['http://127.0.0.1:3000', 'http://api.localhost:9000', 'http://127.0.0.1:3001'];
const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);

type Pair = readonly [string, string];
interface Entry {
  readonly _resourceType: string;
  readonly _initiator?: { readonly type: string; readonly url?: string };
  readonly startedDateTime: string;
  readonly time: number;
  readonly pageref: string;
  readonly request: object;
  readonly response: object;
  readonly cache: object;
  readonly timings: object;
}

const headers = (pairs: readonly Pair[]) => pairs.map(([name, value]) => ({ name, value }));

function entry(at: number, method: string, url: string, req: readonly Pair[], status: number, res: readonly Pair[], resourceType: string, error: string | null = null): Entry {
  return {
    _resourceType: resourceType,
    ...(resourceType === 'preflight' ? { _initiator: { type: 'preflight', url } } : { _initiator: { type: 'script' } }),
    startedDateTime: new Date(T0 + at).toISOString(),
    time: 8,
    pageref: 'page_1',
    request: { method, url, httpVersion: 'HTTP/1.1', headers: headers(req), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status,
      statusText: status === 0 ? '' : status === 204 ? 'No Content' : 'OK',
      httpVersion: status === 0 ? '' : 'HTTP/1.1',
      headers: headers(res),
      cookies: [],
      content: { size: 0, mimeType: 'application/json' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _error: error,
    },
    cache: {},
    timings: { blocked: 0.5, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 6, receive: 0.5 },
  };
}

function exchange(i: number): Entry[] {
  const api = APIS[i % APIS.length] ?? APIS[0];
  const url = `${api}/api/v1/items/${i}?page=${i % 17}`;
  const at = i * 20;
  const origin: Pair = ['Origin', PAGE];
  const acao: Pair = ['Access-Control-Allow-Origin', PAGE];
  switch (i % 5) {
    case 0:
      return [entry(at, 'GET', url, [origin, ['Accept', '*/*']], 200, [acao, ['Content-Type', 'application/json']], 'fetch')];
    case 1:
      return [
        entry(at, 'OPTIONS', url, [origin, ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']], 204, [acao, ['Access-Control-Allow-Methods', 'GET, PUT'], ['Access-Control-Allow-Headers', 'content-type'], ['Access-Control-Max-Age', '600']], 'preflight'),
        entry(at + 9, 'PUT', url, [origin, ['Content-Type', 'application/json']], 200, [acao], 'fetch'),
      ];
    case 2:
      return [
        entry(at, 'OPTIONS', url, [origin, ['Access-Control-Request-Method', 'POST'], ['Access-Control-Request-Headers', 'content-type']], 204, [acao, ['Access-Control-Allow-Methods', 'POST']], 'preflight'),
        entry(at + 9, 'POST', url, [origin, ['Content-Type', 'application/json']], 0, [], 'fetch', 'net::ERR_FAILED'),
      ];
    case 3:
      return [entry(at, 'GET', url, [origin], 200, [['Content-Type', 'application/json']], 'fetch', 'net::ERR_FAILED')];
    default:
      return [entry(at, 'GET', url, [origin, ['Cookie', `sid=${i}`]], 200, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']], 'xhr', 'net::ERR_FAILED')];
  }
}

/** The HAR document (an object; `JSON.stringify` it to write a file). */
export function generateHar(n: number): object {
  const entries: Entry[] = [];
  for (let i = 0; i < n; i++) entries.push(...exchange(i));
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: new Date(T0).toISOString(), id: 'page_1', title: `${PAGE}/`, pageTimings: {} }],
      entries,
    },
  };
}
