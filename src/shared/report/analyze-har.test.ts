import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarFormatError } from '../har/errors.ts';
import { analyzeHar, analyzeHarText, analyzeHarTextParts, type HarSource } from './analyze-har.ts';
import { jsonChunksOf, renderJson } from './json.ts';

const header = fc.record({
  name: fc.oneof(fc.constantFrom('Origin', 'origin', 'Access-Control-Request-Method', 'Access-Control-Allow-Origin', 'Content-Type', 'Location', ':authority', 'Sec-Fetch-Mode', 'Cookie'), fc.string()),
  value: fc.oneof(fc.constantFrom('*', 'null', 'http://app.test', 'PUT', 'cors', 'application/json', 'a\nb', ''), fc.string()),
});

// Request URLs parse and methods are tokens (the reader refuses others as input errors, tested in
// read-har.test.ts); a Location may be anything.
const url = fc.oneof(
  fc.constantFrom('http://api.test/x', 'http://app.test/', 'data:text/plain,hi', 'blob:http://app.test/1', 'ws://api.test/', 'about:blank', 'http://u:p@api.test/'),
  fc.webUrl(),
);
const location = fc.oneof(url, fc.constantFrom('', 'not a url', '../relative'));

const entry = fc.record({
  startedDateTime: fc.oneof(fc.constant('2026-11-20T10:00:00.000Z'), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
  _resourceType: fc.option(fc.constantFrom('fetch', 'xhr', 'preflight', 'document', 'script', 'websocket')),
  pageref: fc.option(fc.constantFrom('page_1', 'page_2')),
  request: fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'OPTIONS', 'patch'), url, headers: fc.array(header, { maxLength: 6 }) }),
  response: fc.record({
    status: fc.constantFrom(0, 200, 204, 302, 307, 404, 500),
    headers: fc.array(header, { maxLength: 6 }),
    redirectURL: location,
    _error: fc.option(fc.constantFrom('net::ERR_FAILED', '')),
  }),
});

const har = fc.record({
  log: fc.record({
    creator: fc.record({ name: fc.constantFrom('WebInspector', 'Firefox', 'Other'), version: fc.string() }),
    pages: fc.constant([{ id: 'page_1', title: 'http://app.test/' }]),
    entries: fc.array(entry, { maxLength: 12 }),
  }),
});

describe('analyzeHar never throws on well-formed HARs with odd content', () => {
  it('builds a consistent report for any entries', () => {
    fc.assert(
      fc.property(har, (input) => {
        const report = analyzeHar(input, { generatedAt: new Date(0) });
        const { exchanges, blocked, allowed, notCors } = report.summary;
        expect(blocked + allowed + notCors).toBe(exchanges);
        expect(report.exchanges).toHaveLength(exchanges);
        for (const exchange of report.exchanges) expect(exchange.hops.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the CLI\'s path: parsed entry by entry, rows built while written', () => {
  it('writes the JSON the whole-document parse and the kept report write, and lets go of the text', () => {
    fc.assert(
      fc.property(har, fc.constantFrom(0, 1, 2, '\t'), (input, indent) => {
        const options = { generatedAt: new Date(0), redaction: null };
        const source: HarSource = { text: JSON.stringify(input, null, indent) };
        const parts = analyzeHarTextParts(source, options);
        expect(source.text).toBeNull();
        if (!parts.ok) throw new Error(parts.error.message);
        expect([...jsonChunksOf(parts.value.envelope, parts.value.rows)].join('')).toBe(renderJson(analyzeHar(input, options)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('malformed input', () => {
  it('throws only HarFormatError, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          analyzeHar(value, { generatedAt: new Date(0) });
        } catch (error) {
          expect(error).toBeInstanceOf(HarFormatError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns a typed error for any text, never a throw', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = analyzeHarText(text, { generatedAt: new Date(0) });
        if (!result.ok) expect(['not-json', 'not-har', 'invalid-entry', 'too-large']).toContain(result.error.code);
      }),
      { numRuns: 300 },
    );
  });
});
