/**
 * A synthetic Chromium-shaped HAR for benchmarks: half the requests preflighted (some answered
 * from the preflight cache, some blocked at the preflight), simple cross-origin GETs (some
 * missing Access-Control-Allow-Origin), and same-origin requests. Deterministic for a given size.
 */

const PAGE = 'http://app.bench.test';
const API = 'http://api.bench.test';
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

interface Header {
  name: string;
  value: string;
}

const h = (pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));

function entry(at: number, method: string, url: string, request: Header[], status: number, response: Header[], extra: Record<string, unknown> = {}) {
  return {
    _initiator: { type: 'script', stack: { callFrames: [{ functionName: 'load', scriptId: '1', url: `${PAGE}/app.js`, lineNumber: 1, columnNumber: 1 }] } },
    _priority: 'High',
    _resourceType: 'fetch',
    cache: {},
    pageref: 'page_1',
    request: { method, url, httpVersion: 'HTTP/1.1', headers: request, queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status,
      statusText: status === 0 ? '' : 'OK',
      httpVersion: status === 0 ? '' : 'HTTP/1.1',
      headers: response,
      cookies: [],
      content: { size: 120, mimeType: 'application/json' },
      redirectURL: '',
      headersSize: -1,
      bodySize: status === 0 ? -1 : 120,
      _transferSize: status === 0 ? 0 : 300,
      _error: status === 0 ? 'net::ERR_FAILED' : null,
    },
    serverIPAddress: '127.0.0.1',
    startedDateTime: new Date(T0 + at).toISOString(),
    time: 12,
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 10, receive: 0.8, _blocked_queueing: 0.5 },
    ...extra,
  };
}

const wire: [string, string][] = [
  ['Accept', '*/*'],
  ['Accept-Encoding', 'gzip, deflate, br'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Connection', 'keep-alive'],
  ['Host', 'api.bench.test'],
  ['Origin', PAGE],
  ['Referer', `${PAGE}/`],
  ['Sec-Fetch-Dest', 'empty'],
  ['Sec-Fetch-Mode', 'cors'],
  ['Sec-Fetch-Site', 'same-site'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'],
];

/** Builds a HAR with exactly `entries` entries. */
export function syntheticHar(entries: number): unknown {
  const list: unknown[] = [];
  // Paths whose preflight answer is currently cached (Max-Age 600), by path → cached at.
  const cachedAt = new Map<string, number>();
  let at = 0;
  for (let i = 0; list.length < entries; i++) {
    at += 7;
    const path = `${API}/items/${i % 500}`;
    const kind = i % 20;
    if (kind < 10) {
      // Preflighted PUT with a JSON body.
      const request = h([...wire, ['Content-Type', 'application/json'], ['X-Request-Id', String(i)]]);
      const fresh = (cachedAt.get(path) ?? -Infinity) > at - 590_000;
      const blocked = kind === 9;
      if (fresh && !blocked) {
        list.push(entry(at, 'PUT', path, request, 200, h([['Access-Control-Allow-Origin', PAGE], ['Content-Type', 'application/json']])));
        continue;
      }
      const allowHeaders = blocked ? 'content-type' : 'content-type, x-request-id';
      list.push(entry(at, 'PUT', path, blocked ? h([['Content-Type', 'application/json'], ['X-Request-Id', String(i)], ['Referer', `${PAGE}/`]]) : request, blocked ? 0 : 200, blocked ? [] : h([['Access-Control-Allow-Origin', PAGE], ['Content-Type', 'application/json']])));
      if (list.length >= entries) break;
      list.push(
        entry(at + 1, 'OPTIONS', path, h([...wire, ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type,x-request-id']]), 204, h([
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Methods', 'GET, PUT, DELETE'],
          ['Access-Control-Allow-Headers', allowHeaders],
          ['Access-Control-Max-Age', '600'],
        ]), { _resourceType: 'preflight', _initiator: { type: 'preflight', url: path, requestId: `${i}.1` } }),
      );
      if (!blocked) cachedAt.set(path, at + 1);
    } else if (kind < 16) {
      // Simple cross-origin GET; one in six lacks Access-Control-Allow-Origin.
      const ok = kind !== 15;
      list.push(entry(at, 'GET', `${API}/feed/${i % 300}`, h(wire), 200, h(ok ? [['Access-Control-Allow-Origin', '*'], ['Content-Type', 'application/json']] : [['Content-Type', 'application/json']])));
    } else {
      // Same-origin XHR.
      list.push(entry(at, 'POST', `${PAGE}/api/log`, h([...wire.filter(([n]) => n !== 'Host'), ['Host', 'app.bench.test'], ['Content-Type', 'text/plain']]), 204, []));
    }
  }
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: new Date(T0).toISOString(), id: 'page_1', title: `${PAGE}/`, pageTimings: { onContentLoad: 100, onLoad: 200 } }],
      entries: list,
    },
  };
}
