/**
 * The CLI's report on genuine Chrome DevTools exports, against Chromium's own verdicts.
 *
 * `scripts/record-devtools-har.ts` ran the lab with the real DevTools front-end open and saved
 * what its Network panel exports ("Export HAR (with sensitive data)" and Chrome's default
 * "Export HAR (sanitized)"), unchanged, plus what Chromium decided on the same page in the same
 * run (CDP `corsErrorStatus`). The differential tests feed the CLI HARs our harness builds
 * (test/harness/cdp-har.ts); these files check the reader on the exporter users actually run.
 *
 * Every fetch must match, in both exports (see test/fixtures/recorded/README.md, "Real DevTools
 * exports", for the two misreadings these files found and how they were fixed).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../lab/scenarios.ts';
import { analyzeHar } from '../src/shared/report/index.ts';
import type { Har, HarEntry } from '../test/harness/har.ts';
import type { Oracle } from '../test/harness/oracle.ts';
import { compareWithOracle, formatMismatchTable, reportedExchanges, type Mismatch, type ReportedExchange } from '../test/harness/report-compare.ts';

const DIR = path.join(import.meta.dirname, '../test/fixtures/recorded');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as T;

type ExportKind = 'with sensitive data' | 'sanitized';
const FILES: Record<ExportKind, string> = {
  'with sensitive data': 'chromium-devtools-lab.har',
  sanitized: 'chromium-devtools-lab-sanitized.har',
};

const oracle = readJson<Oracle>('chromium-devtools-lab.oracle.json');
const hars: Record<ExportKind, Har> = {
  'with sensitive data': readJson<Har>(FILES['with sensitive data']),
  sanitized: readJson<Har>(FILES.sanitized),
};
const reports: Record<ExportKind, ReportedExchange[]> = {
  'with sensitive data': reportedExchanges(analyzeHar(hars['with sensitive data'], { file: FILES['with sensitive data'] })),
  sanitized: reportedExchanges(analyzeHar(hars.sanitized, { file: FILES.sanitized })),
};

const recorded = scenarios.filter((s) => s.browserSetup === undefined);

function mismatchesOf(kind: ExportKind, scenario: string): Mismatch[] {
  return compareWithOracle(
    reports[kind],
    oracle.fetches.filter((f) => f.scenario === scenario),
    'chromium',
  );
}

const headerNames = (entries: readonly HarEntry[], side: 'request' | 'response'): Set<string> =>
  new Set(entries.flatMap((e) => e[side].headers.map((h) => h.name.toLowerCase())));

describe('the fixtures are one run of the lab, exported by DevTools', () => {
  it('has an oracle row for every step of every scenario without a browser setup', () => {
    expect(new Set(oracle.fetches.map((f) => f.scenario))).toEqual(new Set(recorded.map((s) => s.id)));
    for (const s of recorded) expect(oracle.fetches.filter((f) => f.scenario === s.id).length, s.id).toBe(s.steps.length);
  });

  it('holds the same run in both exports, entry for entry', () => {
    const key = (e: HarEntry): string => `${e.request.method} ${e.request.url}`;
    expect(hars.sanitized.log.entries.map(key)).toEqual(hars['with sensitive data'].log.entries.map(key));
    expect(hars.sanitized.log.entries.some((e) => e.request.url.includes(`run=${oracle.run}`))).toBe(true);
  });

  it("is DevTools' shape: creator, one page with its timings, preflights and failures as cdp-har.ts writes them", () => {
    for (const har of Object.values(hars)) {
      const { log } = har;
      expect(log.creator.name).toBe('WebInspector');
      expect(log.pages).toHaveLength(1);
      expect(log.pages[0]?.pageTimings.onLoad).toBeGreaterThan(0);
      expect(log.entries.every((e) => e.pageref === 'page_1')).toBe(true);
      // Preflights are OPTIONS entries of their own, pointing at their request's CDP id.
      const preflightShapes = log.entries
        .filter((e) => e._resourceType === 'preflight')
        .map((e) => `${e.request.method} ${e._initiator?.type} ${e._initiator?.requestId ? 'with' : 'without'} requestId`);
      expect(preflightShapes.length).toBeGreaterThan(0);
      expect(new Set(preflightShapes)).toEqual(new Set(['OPTIONS preflight with requestId']));
      expect(log.entries.some((e) => e.response._error === 'net::ERR_FAILED' && e.response.status === 0 && e.response.headers.length === 0)).toBe(true);
      // No answer in the file, outside response bodies (the lab's own scenarios.json names CorsErrors).
      const withoutBodies = log.entries.map((e) => ({ ...e, response: { ...e.response, content: { ...e.response.content, text: '' } } }));
      expect(/corsError|failedParameter/.test(JSON.stringify(withoutBodies))).toBe(false);
    }
  });

  it('exports no non-http URL: a redirect to ftp: ends at its 3xx entry, with no error on it', () => {
    const entries = hars['with sensitive data'].log.entries;
    expect(entries.every((e) => /^https?:/.test(e.request.url))).toBe(true);
    const toFtp = entries.filter((e) => e.response.redirectURL.startsWith('ftp:'));
    expect(toFtp).toHaveLength(1);
    expect(toFtp[0]?.response._error).toBeNull();
  });

  it('drops Cookie, Authorization and Set-Cookie when sanitized, and only those', () => {
    const full = hars['with sensitive data'].log.entries;
    const sanitized = hars.sanitized.log.entries;
    for (const name of ['cookie', 'authorization']) {
      expect(headerNames(full, 'request').has(name), name).toBe(true);
      expect(headerNames(sanitized, 'request').has(name), name).toBe(false);
    }
    expect(headerNames(full, 'response').has('set-cookie')).toBe(true);
    expect(headerNames(sanitized, 'response').has('set-cookie')).toBe(false);
    expect(sanitized.every((e) => e.request.cookies.length === 0 && e.response.cookies.length === 0)).toBe(true);
    const kept = (names: Set<string>): string[] => [...names].filter((n) => !['cookie', 'authorization', 'set-cookie'].includes(n)).sort();
    expect(kept(headerNames(sanitized, 'request'))).toEqual(kept(headerNames(full, 'request')));
    expect(kept(headerNames(sanitized, 'response'))).toEqual(kept(headerNames(full, 'response')));
  });
});

for (const kind of Object.keys(FILES) as ExportKind[]) {
  describe(`Chromium and the report on DevTools' "Export HAR (${kind})" agree on every lab fetch`, () => {
    for (const scenario of recorded) {
      it(scenario.id, () => {
        const mismatches = mismatchesOf(kind, scenario.id);
        expect(mismatches, `\n${formatMismatchTable(mismatches)}\n`).toEqual([]);
      });
    }
  });
}
