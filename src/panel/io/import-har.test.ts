import { describe, expect, it } from 'vitest';
import { importHarText } from './import-har.ts';

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries } });

const entry = {
  startedDateTime: '2026-11-22T02:00:00.000Z',
  time: 12,
  request: {
    method: 'GET',
    url: 'http://127.0.0.1:3000/api/items',
    httpVersion: 'HTTP/1.1',
    headers: [{ name: 'Origin', value: 'http://localhost:8000' }],
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: 0,
  },
  response: {
    status: 200,
    statusText: 'OK',
    httpVersion: 'HTTP/1.1',
    headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:8000' }],
    cookies: [],
    content: { size: 0, mimeType: 'application/json' },
    redirectURL: '',
    headersSize: -1,
    bodySize: 0,
  },
  cache: {},
  timings: { send: 0, wait: 12, receive: 0 },
  _resourceType: 'fetch',
};

describe('importHarText', () => {
  it('reads and evaluates every exchange of a HAR', () => {
    const result = importHarText(har([entry]), 'trace.har');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ seq: 0, pending: false, verdict: { outcome: 'allowed' } });
    expect(result.records[0]?.exchange.legs[0]?.request.url).toBe('http://127.0.0.1:3000/api/items');
  });

  it.each([
    ['not JSON', '{oops', /Could not import bad\.har: not valid JSON/],
    ['JSON that is not a HAR', '{"hello": 1}', /Could not import bad\.har: .+The current log is unchanged\.$/],
  ])('gives one clear message for %s', (_what, text, message) => {
    const result = importHarText(text, 'bad.har');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('reports progress as exchanges are evaluated, ending at the total', () => {
    const entries = Array.from({ length: 600 }, (_, i) => ({ ...entry, request: { ...entry.request, url: `http://127.0.0.1:3000/api/items/${i}` } }));
    const reports: [number, number][] = [];
    const result = importHarText(har(entries), 'many.har', (done, total) => reports.push([done, total]));
    expect(result.ok && result.records.length).toBe(600);
    expect(reports.map(([done]) => done)).toEqual([0, 250, 500, 600]);
    expect(new Set(reports.map(([, total]) => total))).toEqual(new Set([600]));
  });
});
