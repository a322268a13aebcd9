import { describe, expect, it } from 'vitest';
import { allowedBrowserVerdict } from '../cors/walk/context.ts';
import type { Check, Verdict } from '../cors/verdict.ts';
import type { ObservedExchange } from '../model/exchange.ts';
import { buildReport } from './build.ts';
import { renderJson } from './json.ts';
import { ANSI } from './style.ts';
import { renderText, summaryLine } from './text.ts';

const ORIGIN = 'http://app.test';
const API = 'http://api.test/items';
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

const failingCheck: Check = {
  id: 'preflight.allow-headers',
  title: 'Access-Control-Allow-Headers lists every requested header',
  status: 'fail',
  observed: 'x-requested-with',
  expected: '`content-type` (or `*` without credentials)',
  detail: 'content-type is not listed.',
  code: 'header-disallowed-by-preflight',
  provenance: 'observed',
  spec: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
};

function verdict(outcome: Verdict['outcome'], over: Partial<Verdict> = {}): Verdict {
  return {
    outcome,
    classification: {
      kind: outcome === 'not-cors' ? 'same-origin' : 'cors',
      origin: ORIGIN,
      target: API,
      sameSite: true,
      preflightNeeded: outcome !== 'not-cors',
      preflightTriggers: outcome === 'not-cors' ? [] : [{ kind: 'method', method: 'PUT' }, { kind: 'header-value', name: 'content-type', value: 'application/json', why: 'content-type-essence' }],
    },
    checks: [],
    chromium: allowedBrowserVerdict('chromium'),
    firefox: allowedBrowserVerdict('firefox'),
    code: null,
    browsersDisagree: false,
    warnings: [],
    inferred: [],
    ...over,
  };
}

const blockedVerdict = verdict('blocked', {
  code: 'header-disallowed-by-preflight',
  checks: [
    { ...failingCheck, id: 'preflight.allow-origin', title: 'Access-Control-Allow-Origin matches the origin', status: 'pass', observed: ORIGIN, code: undefined },
    failingCheck,
  ],
  chromium: {
    browser: 'chromium',
    allowed: false,
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'content-type',
    firefoxReason: null,
    consoleMessage: "Access to fetch at 'http://api.test/items' from origin 'http://app.test' has been blocked by CORS policy: Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.",
    code: 'header-disallowed-by-preflight',
  },
  firefox: {
    browser: 'firefox',
    allowed: false,
    corsError: null,
    failedParameter: null,
    firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
    consoleMessage: 'Cross-Origin Request Blocked: …',
    code: 'header-disallowed-by-preflight',
  },
});

const put = (at: number) => ({ url: API, method: 'PUT', headers: [{ name: 'Content-Type', value: 'application/json' }], startedAt: T0 + at });
const preflightResponse = (maxAge: string) => ({
  status: 204,
  headers: [
    { name: 'Access-Control-Allow-Origin', value: ORIGIN },
    { name: 'Access-Control-Allow-Methods', value: 'PUT' },
    { name: 'Access-Control-Max-Age', value: maxAge },
  ],
  receivedAt: T0 + 1005,
});

const exchanges: ObservedExchange[] = [
  {
    id: '0',
    recorder: 'chromium',
    initiatorOrigin: ORIGIN,
    legs: [{ request: put(1000), preflight: { kind: 'observed', request: { url: API, method: 'OPTIONS', headers: [] }, response: preflightResponse('86400') }, response: { status: 200, headers: [] } }],
    outcome: { kind: 'succeeded' },
  },
  {
    id: '1',
    recorder: 'chromium',
    initiatorOrigin: ORIGIN,
    legs: [{ request: put(31_005), preflight: { kind: 'cache-hit', sourceExchangeId: '0', cachedAt: T0 + 1005, maxAgeSeconds: 86400, sourceResponse: preflightResponse('86400') }, response: { status: 200, headers: [] } }],
    outcome: { kind: 'succeeded' },
  },
  {
    id: '2',
    recorder: 'chromium',
    initiatorOrigin: ORIGIN,
    legs: [{ request: { ...put(40_000), headersProvisional: true }, preflight: { kind: 'observed', request: { url: API, method: 'OPTIONS', headers: [] }, response: { status: 204, headers: [] } }, response: null }],
    outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
  },
  {
    id: '3',
    recorder: 'chromium',
    initiatorOrigin: ORIGIN,
    legs: [
      { request: { url: `${ORIGIN}/old`, method: 'GET', headers: [] }, preflight: null, response: { status: 302, headers: [{ name: 'Location', value: '/new' }] } },
      { request: { url: `${ORIGIN}/new`, method: 'GET', headers: [] }, preflight: null, response: { status: 200, headers: [] } },
    ],
    outcome: { kind: 'succeeded' },
  },
];
const verdicts = [verdict('allowed'), verdict('allowed'), blockedVerdict, verdict('not-cors')];

const meta = {
  generator: { name: 'cors-inspector', version: '0.1.0' },
  source: { kind: 'har', recorder: 'chromium', file: 'capture.har' },
  generatedAt: new Date(T0 + 3_600_000),
  explain: (_exchange: ObservedExchange, v: Verdict) =>
    v.code === 'header-disallowed-by-preflight'
      ? {
          explanation: { title: 'List the header in Access-Control-Allow-Headers', text: 'The preflight answer must list every header.', learnMoreUrl: null },
          fix: { server: [{ method: 'OPTIONS', url: API, headers: ['Access-Control-Allow-Headers: content-type'] }], note: 'Add content-type to Access-Control-Allow-Headers.', snippets: {} },
        }
      : null,
} as const;

describe('buildReport', () => {
  const report = buildReport(exchanges, verdicts, meta);

  it('writes the schema envelope and the summary', () => {
    expect(report).toMatchObject({
      schemaVersion: 3,
      generator: { name: 'cors-inspector', version: '0.1.0' },
      source: { kind: 'har', recorder: 'chromium', file: 'capture.har' },
      generatedAt: '2026-11-20T11:00:00.000Z',
      summary: { exchanges: 4, blocked: 1, allowed: 2, notCors: 1 },
    });
  });

  it.each([
    {
      id: '0',
      preflight: { fromCache: false, inferred: false, url: API, status: 204, maxAgeSeconds: 86400, effectiveLifetimeSeconds: { chromium: 7200, firefox: 86400 }, remainingSeconds: null, sourceExchangeId: null },
      summary: 'Allowed after preflight',
    },
    {
      id: '1',
      // Chromium caps the entry at 2 h: 7200 s − 30 s elapsed.
      preflight: { fromCache: true, inferred: true, url: API, status: null, maxAgeSeconds: 86400, effectiveLifetimeSeconds: { chromium: 7200, firefox: 86400 }, remainingSeconds: 7170, sourceExchangeId: '0' },
      summary: 'Allowed (preflight cached, 7170 s left)',
    },
    {
      id: '3',
      preflight: null,
      summary: 'Same-origin',
    },
  ])('exchange $id: preflight and summary', ({ id, preflight, summary }) => {
    const exchange = report.exchanges.find((x) => x.id === id);
    expect(exchange?.preflight ?? null).toEqual(preflight === null ? null : expect.objectContaining(preflight));
    expect(exchange?.verdict.summary).toBe(summary);
  });

  it('reports a blocked exchange with both browsers\' names, console messages, explanation and fix', () => {
    const blocked = report.exchanges.find((x) => x.id === '2');
    expect(blocked?.verdict).toEqual({
      outcome: 'blocked',
      summary: 'Preflight: Allow-Headers lacks content-type',
      code: 'header-disallowed-by-preflight',
      chromiumCorsError: 'HeaderDisallowedByPreflightResponse',
      chromiumFailedParameter: 'content-type',
      firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
      browsersDisagree: false,
      observedError: 'net::ERR_FAILED',
    });
    expect(blocked?.consoleMessages.chromium).toContain('is not allowed by Access-Control-Allow-Headers');
    expect(blocked?.explanation?.title).toBe('List the header in Access-Control-Allow-Headers');
    expect(blocked?.fix?.server).toEqual([{ method: 'OPTIONS', url: API, headers: ['Access-Control-Allow-Headers: content-type'] }]);
    expect(blocked?.classification.preflightTriggers).toEqual(['method PUT', 'header content-type: application/json (content-type-essence)']);
  });

  it('keeps redirect hops inside one exchange, the first URL on top', () => {
    const redirected = report.exchanges.find((x) => x.id === '3');
    expect(redirected?.request.url).toBe(`${ORIGIN}/old`);
    expect(redirected?.hops.map((hop) => [hop.status, hop.location])).toEqual([[302, '/new'], [200, null]]);
  });

  it('states the cache hit as an inferred fact, with its evidence', () => {
    expect(report.exchanges.find((x) => x.id === '1')?.inferred).toEqual([
      {
        code: 'preflight-cache-hit',
        statement: 'the preflight was answered from the CORS-preflight cache',
        because: 'a preflight was needed and none went on the wire; entry created by the preflight of exchange 0, Access-Control-Max-Age 86400, 7170 s left',
        hop: 0,
      },
    ]);
  });

  it('explains only failures', () => {
    expect(report.exchanges.filter((x) => x.explanation !== null).map((x) => x.id)).toEqual(['2']);
  });

  it('explains from the evaluator\'s catalog by default, with the changes each response of this exchange needs', () => {
    const { explain: _custom, ...withoutExplain } = meta;
    const blocked = buildReport(exchanges, verdicts, withoutExplain).exchanges.find((x) => x.id === '2');
    expect(blocked?.explanation?.title).toBeTruthy();
    // The preflight answer at API allowed PUT for exchange 0: the fix keeps it (the request's own method).
    expect(blocked?.fix?.server).toEqual([
      { method: 'OPTIONS', url: API, headers: [`Access-Control-Allow-Origin: ${ORIGIN}`, 'Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: content-type'] },
      { method: 'PUT', url: API, headers: [`Access-Control-Allow-Origin: ${ORIGIN}`, 'Vary: Origin'], unrecorded: true },
    ]);
    expect(blocked?.fix?.snippets.express).toContain('allowedHeaders: ["content-type"]');
  });

  it('renders JSON in chunks identical to JSON.stringify', () => {
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const empty = buildReport([], [], meta);
    expect(renderJson(empty)).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });

  it('rejects verdicts that do not line up with the exchanges', () => {
    expect(() => buildReport(exchanges, verdicts.slice(1), meta)).toThrow(RangeError);
  });
});

describe('renderText', () => {
  const report = buildReport(exchanges, verdicts, meta);
  const text = renderText(report);

  it('prints a header and one line per exchange', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('4 exchanges in capture.har, recorded by Chromium: 1 blocked, 2 allowed, 1 not CORS');
    expect(lines.slice(2, 6)).toEqual([
      `✓ PUT     ${API} allowed  Allowed after preflight`,
      `✓ PUT     ${API} allowed  Allowed (preflight cached, 7170 s left)`,
      `✗ PUT     ${API} blocked  Preflight: Allow-Headers lacks content-type`,
      // URLs are padded to the longest one so the columns line up.
      `· GET     ${ORIGIN}/old   not-cors Same-origin`,
    ]);
  });

  it('details each failure: checklist, explanation, fix', () => {
    expect(text).toContain('#2 PUT http://api.test/items');
    expect(text).toContain('Chromium: HeaderDisallowedByPreflightResponse (content-type) · Firefox: CORSMissingAllowHeaderFromPreflight');
    expect(text).toContain('    ✓ Access-Control-Allow-Origin matches the origin');
    expect(text).toContain('    ✗ Access-Control-Allow-Headers lists every requested header');
    expect(text).toContain('        observed: x-requested-with');
    expect(text).toContain('  Why: List the header in Access-Control-Allow-Headers');
    expect(text).toContain('      Access-Control-Allow-Headers: content-type');
    expect(text).toContain('    Add content-type to Access-Control-Allow-Headers.');
    expect(text).not.toContain('#0 PUT');
  });

  it('uses ANSI colour only when given the ANSI style', () => {
    expect(text).not.toContain('\u001b[');
    const blocked = report.exchanges.find((x) => x.id === '2');
    expect(blocked && summaryLine(blocked, ANSI)).toContain('\u001b[31m✗\u001b[39m');
  });

  it('never writes control characters from recorded data to the terminal', () => {
    const hostile = buildReport(
      [{ ...exchanges[3]!, legs: [{ ...exchanges[3]!.legs[1]!, request: { url: `${ORIGIN}/\u001b[2J`, method: 'GET', headers: [] } }] }],
      [verdict('not-cors')],
      meta,
    );
    expect(renderText(hostile)).not.toContain('\u001b');
  });

  it('cuts very long URLs on the summary line', () => {
    const long = buildReport([{ ...exchanges[3]!, legs: [{ ...exchanges[3]!.legs[1]!, request: { url: `${ORIGIN}/${'a'.repeat(500)}`, method: 'GET', headers: [] } }] }], [verdict('not-cors')], meta);
    const line = renderText(long, { maxUrlLength: 40 }).split('\n')[2] ?? '';
    expect(line).toContain('…');
    expect(line.length).toBeLessThan(80);
  });
});
