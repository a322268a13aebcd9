/**
 * Hostile HARs for tests, built from a real-shaped fixture: many identical concurrent requests,
 * many redirects to one URL.
 */

type Json = Record<string, unknown>;

interface HarShape {
  readonly log: { entries: Json[] } & Json;
}

function parse(text: string): HarShape {
  return JSON.parse(text) as HarShape;
}

function isPreflightEntry(entry: Json): boolean {
  return (entry['request'] as Json)['method'] === 'OPTIONS';
}

/**
 * `n` copies of the fixture's first preflighted request and its preflight, all started in the same
 * millisecond, listed in the given order.
 */
export function identicalConcurrent(fixture: string, n: number, order: 'interleaved' | 'preflights-first' | 'requests-first'): HarShape {
  const har = parse(fixture);
  const actual = har.log.entries.find((e) => !isPreflightEntry(e));
  const preflight = har.log.entries.find(isPreflightEntry);
  if (actual === undefined || preflight === undefined) throw new Error('the fixture needs a request and its preflight');
  const actuals = Array.from({ length: n }, () => structuredClone(actual));
  const preflights = Array.from({ length: n }, () => structuredClone(preflight));
  const entries =
    order === 'interleaved' ? actuals.flatMap((a, i) => [a, preflights[i] ?? a]) : order === 'preflights-first' ? [...preflights, ...actuals] : [...actuals, ...preflights];
  return { log: { ...har.log, entries } };
}

/**
 * `n` requests that each redirect (302) to one URL, listed before the `n` requests to that URL:
 * every redirect must find its own next hop among the same `n` candidates.
 */
export function redirectsToOneUrl(n: number): HarShape {
  const entry = (url: string, status: number, redirectURL: string, at: number): Json => ({
    startedDateTime: new Date(Date.UTC(2026, 10, 20) + at).toISOString(),
    pageref: 'page_1',
    _resourceType: 'fetch',
    request: { method: 'GET', url, headers: [{ name: 'Origin', value: 'http://localhost:8000' }, { name: 'Sec-Fetch-Mode', value: 'cors' }] },
    response: { status, statusText: '', headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }], redirectURL },
    timings: { wait: 1 },
  });
  const target = 'http://api.localhost:9000/target';
  const entries: Json[] = [];
  for (let i = 0; i < n; i++) entries.push(entry(`http://api.localhost:9000/from/${i}`, 302, target, i));
  for (let i = 0; i < n; i++) entries.push(entry(target, 200, '', n + i));
  return {
    log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ id: 'page_1', title: 'http://localhost:8000/' }], entries },
  };
}
