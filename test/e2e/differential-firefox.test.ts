/**
 * Differential test against real Firefox: the whole lab runs in Firefox ESR over WebDriver BiDi;
 * the recording becomes a Firefox DevTools-shaped HAR, which the CLI module analyzes. Firefox's
 * own verdict comes from its console service, read in the privileged (chrome) scope: each CORS
 * message's category is the reason key. For every fetch, `verdict.firefoxReason` must equal the
 * reason Firefox logged (null when none) and `verdict.outcome` must equal Firefox's outcome.
 *
 * One `it` per lab scenario, generated from the scenario table. One browser, one page.
 * Scenarios with a Chromium browser setup (Local Network Access) run in the plain page: Firefox
 * ESR 153 has no such checks, so for Firefox they are ordinary cross-origin fetches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { newRunId } from '../../lab/urls.ts';
import type { FirefoxReason } from '../../src/shared/cors/codes.ts';
import type { FactCode } from '../../src/shared/cors/verdict.ts';
import { analyzeHar } from '../../src/shared/report/index.ts';
import { recordLabInFirefox, type FirefoxLabRecording } from '../harness/bidi-lab.ts';
import { ROOT } from '../harness/browsers.ts';
import { reasonOf, urlOfMessage } from '../harness/firefox-console.ts';
import { runCliAnalyzeHar } from '../harness/cli-run.ts';
import { differentialSummary, keepRecording, verdictTuples } from '../harness/differential.ts';
import { compareWithOracle, findExchange, formatMismatchTable, reportedExchanges, type Mismatch, type ReportedExchange } from '../harness/report-compare.ts';

/**
 * Every Firefox reason: `'loopback'` when the lab must make Firefox log it, else why it cannot
 * occur here. Keyed by the evaluator's vocabulary, so a new reason is a type error until placed.
 */
const FIREFOX_REASONS_ON_LOOPBACK: Record<FirefoxReason, 'loopback' | string> = {
  CORSDisabled: 'only with the pref content.cors.disable=true, which no real user profile has',
  CORSDidNotSucceed: 'loopback',
  CORSOriginHeaderNotAdded: 'only for requests from an expanded principal (an extension content script), never from a web page',
  CORSExternalRedirectNotAllowed: 'loopback',
  // Verified in Firefox 153: fetch() or XHR from the page to ftp://127.0.0.1/, foo://x/ or
  // about:blank logs CORSRequestNotHttp (twice); a redirect to data: logs CORSDidNotSucceed2 instead.
  CORSRequestNotHttp: 'loopback',
  CORSMissingAllowOrigin: 'loopback',
  CORSMultipleAllowOriginNotAllowed: 'loopback',
  CORSAllowOriginNotMatchingOrigin: 'loopback',
  CORSNotSupportingCredentials: 'loopback',
  CORSMissingAllowCredentials: 'loopback',
  CORSPreflightDidNotSucceed: 'loopback',
  CORSInvalidAllowMethod: 'loopback',
  CORSMethodNotFound: 'loopback',
  CORSInvalidAllowHeader: 'loopback',
  CORSMissingAllowHeaderFromPreflight: 'loopback',
};

/**
 * Scenarios whose deciding input is in no HAR, so no HAR reader can tell Firefox's outcome. For
 * these, and only for the named field, the report must instead say what the recording cannot
 * show (the inferred fact below); every other field is compared as usual. Checked against the
 * recorded HAR: Firefox's HAR has no error field, and the entry is byte for byte the shape of
 * `cors-redirect-manual`'s (one 302 with ACAO and Location, no next hop), which Firefox allows.
 */
const OUTCOME_NOT_IN_ANY_HAR: Readonly<Record<string, { readonly missing: string; readonly fact: FactCode }>> = {
  'cors-redirect-error': {
    missing: "fetch()'s redirect mode (error: rejected; manual: an opaque-redirect response)",
    fact: 'redirect-not-followed',
  },
};

let lab: Lab;
let rec: FirefoxLabRecording;
let exchanges: ReportedExchange[];
const allMismatches: Mismatch[] = [];

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  rec = await recordLabInFirefox({ lab, scenarios, run: newRunId('diff-firefox') });
  exchanges = reportedExchanges(analyzeHar(rec.har, { file: 'firefox-lab.har' }));
  // CORS_DIFF_OUT=<dir> keeps this run's HAR and oracle for a closer look.
  keepRecording('firefox-lab', rec);
}, 240_000);

afterAll(async () => {
  await lab?.close();
  if (rec) console.log(differentialSummary('Firefox', rec, allMismatches));
});

describe('reading Firefox console messages', () => {
  it('strips the message-version digit and finds the URL in every message shape', () => {
    expect(reasonOf('CORSMissingAllowOrigin2')).toBe('CORSMissingAllowOrigin');
    expect(reasonOf('CORSPreflightDidNotSucceed3')).toBe('CORSPreflightDidNotSucceed');
    expect(reasonOf('CORSMethodNotFound')).toBe('CORSMethodNotFound');
    const prefix = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at';
    expect(urlOfMessage(`${prefix} http://127.0.0.1:1/a?b=c. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`)).toBe('http://127.0.0.1:1/a?b=c');
    expect(urlOfMessage(`${prefix} ‘http://127.0.0.1:1/a.b’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`)).toBe('http://127.0.0.1:1/a.b');
    expect(
      urlOfMessage('Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at http://h:1/x soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, …)'),
    ).toBe('http://h:1/x');
  });
});

describe('the recorded HAR is Firefox DevTools-shaped and carries no answer', () => {
  it('has Firefox as creator and browser, and preflights as plain OPTIONS entries', () => {
    const { log } = rec.har;
    expect(log.version).toBe('1.2');
    expect(log.creator.name).toBe('Firefox');
    expect(log.browser?.name).toBe('Firefox');
    const preflights = log.entries.filter(
      (e) => e.request.method === 'OPTIONS' && e.request.headers.some((h) => h.name.toLowerCase() === 'access-control-request-method'),
    );
    expect(preflights.length).toBeGreaterThan(0);
    expect(log.entries.every((e) => e._resourceType === undefined && e._initiator === undefined)).toBe(true);
  });
  it('keeps duplicated response header lines as separate headers', () => {
    const twoLines = rec.har.log.entries.find((e) => e.request.url.includes('/s/acao-two-lines/'));
    expect(twoLines?.response.headers.filter((h) => h.name.toLowerCase() === 'access-control-allow-origin')).toHaveLength(2);
  });
  it('contains no console reason', () => {
    expect(JSON.stringify(rec.har)).not.toMatch(/Cross-Origin Request Blocked|CORS[A-Z][A-Za-z]+\d?"/);
  });
});

describe('Firefox and the report agree on every lab fetch', () => {
  for (const scenario of scenarios) {
    it(scenario.id, () => {
      const fetches = rec.oracle.fetches.filter((f) => f.scenario === scenario.id);
      expect(fetches.length, 'one oracle row per step').toBe(scenario.steps.length);
      const hidden = OUTCOME_NOT_IN_ANY_HAR[scenario.id];
      const mismatches = compareWithOracle(exchanges, fetches, 'firefox').filter((m) => hidden === undefined || m.field !== 'outcome');
      allMismatches.push(...mismatches);
      expect(mismatches, `\n${formatMismatchTable(mismatches)}\n`).toEqual([]);
      if (hidden === undefined) return;
      for (const f of fetches) {
        const x = findExchange(exchanges, f.url, f.occurrence);
        expect(x?.firefoxReason, `${f.url}: no reason without ${hidden.missing}`).toBeNull();
        expect(x?.factCodes).toContain(hidden.fact);
      }
    });
  }
});

describe('the lab and the CLI', () => {
  it('records a Firefox verdict that agrees with what the page saw', () => {
    const odd = rec.oracle.fetches.filter((f) => f.firefox && f.page.ok).map((f) => `${f.scenario}#${f.step} ${f.firefox?.category}`);
    expect(odd).toEqual([]);
  });
  it('ties every CORS message Firefox logged to a lab fetch', () => {
    const loose = (rec.oracle.unattributedMessages ?? []).map((m) => `${m.category} ${m.url}`);
    expect(loose).toEqual([]);
  });

  it('makes Firefox log every CORS reason that can occur on loopback', () => {
    const seen = new Set(rec.oracle.fetches.flatMap((f) => (f.firefox ? [f.firefox.reason] : [])));
    const expected = Object.entries(FIREFOX_REASONS_ON_LOOPBACK)
      .filter(([, where]) => where === 'loopback')
      .map(([name]) => name);
    expect(expected.filter((name) => !seen.has(name)), 'reasons no lab scenario produced').toEqual([]);
  });

  it('gives the same verdicts through the real bin (node bin/cors-inspector.mjs analyze --format json)', async () => {
    const run = await runCliAnalyzeHar(ROOT, rec.har, 'firefox-lab.har');
    expect(run.stderr).toBe('');
    const anyBlocked = exchanges.some((x) => x.outcome === 'blocked');
    expect(run.status).toBe(anyBlocked ? 1 : 0);
    const fromBin = reportedExchanges(JSON.parse(run.stdout));
    expect(verdictTuples(fromBin)).toEqual(verdictTuples(exchanges));
  });
});
