/**
 * Cross-browser differential test: one capture must answer "will this also fail in the other
 * browser?". The whole lab is recorded once in Chromium (CDP → Chrome-shaped HAR) and once in
 * Firefox (BiDi → Firefox-shaped HAR); each HAR is analyzed by the report module, and its
 * prediction for the browser that did NOT record it is compared with that browser's own verdict:
 *   - Chromium's HAR → `verdict.firefoxReason` and the predicted outcome vs Firefox's console;
 *   - Firefox's HAR → `verdict.chromiumCorsError` (+ `chromiumFailedParameter` when Chromium names
 *     one) and the predicted outcome vs CDP's `corsErrorStatus`.
 * The predicted outcome is the recorder's `verdict.outcome`, flipped when `browsersDisagree`.
 * The two runs differ by run id, so fetches are matched by scenario and step, not by URL.
 *
 * One `it` per lab scenario, generated from the scenario table; a failing scenario prints its
 * mismatch tables, and the suite prints both summaries at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { newRunId } from '../../lab/urls.ts';
import type { FactCode } from '../../src/shared/cors/verdict.ts';
import { analyzeHar } from '../../src/shared/report/index.ts';
import { recordLabInFirefox, type FirefoxLabRecording } from '../harness/bidi-lab.ts';
import { recordLabInChromium, type ChromiumLabRecording } from '../harness/cdp-lab.ts';
import { differentialSummary, keepRecording, type LabRecording } from '../harness/differential.ts';
import type { OracleFetch } from '../harness/oracle.ts';
import {
  compareFetches,
  formatMismatchTable,
  predictedOutcome,
  predictionsFrom,
  reportedExchanges,
  type Mismatch,
  type ReportedExchange,
} from '../harness/report-compare.ts';

type Judge = 'chromium' | 'firefox';

/** An exception: the other browser's verdict hangs on an input the recording browser's HAR lacks. */
interface NotInTheRecording {
  /** The browser being predicted (the one that did not record the HAR). */
  readonly judge: Judge;
  /** The only fields not compared; everything else still must match. */
  readonly fields: readonly Mismatch['field'][];
  /** What the recording lacks. */
  readonly missing: string;
  /** What the report must say instead, for each fetch of the scenario. */
  readonly says: (x: ReportedExchange | undefined, f: OracleFetch) => void;
}

/**
 * Chromium runs the Local Network Access scenarios under a browser setup (lab/browser-setup.ts:
 * --ip-address-space-overrides makes the page server a public website); Firefox ESR 153 has no
 * such check and runs them from the plain lab page. Its HAR therefore shows a loopback page
 * (http://localhost:<port>) fetching a loopback API, which Chromium allows. The report must predict
 * just that (no CorsError) while Chromium's own run still names an LNA CorsError.
 */
const chromiumSetupNotInFirefoxHar = (missing: string): NotInTheRecording => ({
  judge: 'chromium',
  fields: ['outcome', 'chromiumCorsError', 'chromiumFailedParameter'],
  missing,
  says: (x, f) => {
    expect(f.chromium?.corsError, 'Chromium still reports a Local Network Access error').toMatch(/LocalNetwork/);
    expect(x?.outcome, `${f.url}: Chromium predicted to allow a loopback page's fetch`).toBe('allowed');
    expect(x?.chromiumCorsError).toBeNull();
  },
});

/**
 * Scenarios whose decisive input is not in the recording browser's HAR, so its report cannot
 * name the other browser's verdict. Only the listed fields are exempt, for the listed directions;
 * `says` pins what the report states instead. Checked against the recorded HARs.
 */
const NOT_IN_THE_RECORDING: Readonly<Record<string, NotInTheRecording | readonly NotInTheRecording[]>> = {
  // Firefox's HAR has no error field: the fetch is one 302 entry with ACAO and Location and no
  // next hop, byte for byte cors-redirect-manual's (which every browser allows). Chromium's own
  // HAR has net::ERR_FAILED on it, from which the report predicts Firefox correctly.
  'cors-redirect-error': {
    judge: 'chromium',
    fields: ['outcome'],
    missing: "fetch()'s redirect mode (error: rejected; manual: an opaque-redirect response) and Firefox's error",
    says: (x, f) => {
      expect(x?.chromiumCorsError, `${f.url}: no CorsError either way`).toBeNull();
      expect(x?.factCodes).toContain('redirect-not-followed' satisfies FactCode);
    },
  },
  // fetch() init pairs naming Content-Type twice: Chromium sends `text/plain, text/plain` and
  // preflights (blocked: the preflight does not allow content-type); Firefox judges each pair
  // alone and sends one text/plain without a preflight (allowed). Neither HAR shows how the page
  // built its headers: Chromium's looks like Headers.append (which Firefox preflights too,
  // scenario safelist-content-type-appended-twice), Firefox's like one plain text/plain.
  'safelist-content-type-twice-init-pairs': [
    {
      judge: 'firefox',
      fields: ['outcome', 'firefoxReason'],
      missing: 'how the page built its headers: fetch() init pairs, which Firefox judges one by one',
      says: (x, f) => {
        expect(f.outcome, 'Firefox allows it').toBe('allowed');
        expect(x?.firefoxReason, `${f.url}: Firefox predicted by the combined value`).toBe('CORSMissingAllowHeaderFromPreflight');
        expect(x?.factCodes).toContain('firefox-init-pairs' satisfies FactCode);
      },
    },
    {
      judge: 'chromium',
      fields: ['outcome', 'chromiumCorsError', 'chromiumFailedParameter'],
      missing: 'the second Content-Type pair, which Firefox did not send',
      says: (x, f) => {
        expect(f.chromium?.corsError, 'Chromium blocks it').toBe('HeaderDisallowedByPreflightResponse');
        expect(x?.outcome, `${f.url}: Chromium predicted from the one text/plain Firefox sent`).toBe('allowed');
        expect(x?.chromiumCorsError).toBeNull();
      },
    },
  ],
  'lna-public-page-to-loopback': chromiumSetupNotInFirefoxHar("the page's address space (public only by Chromium's switch)"),
  'lna-public-page-to-loopback-preflighted': chromiumSetupNotInFirefoxHar("the page's address space (public only by Chromium's switch)"),
  'lna-insecure-page-to-loopback': chromiumSetupNotInFirefoxHar("the page's address space and host (Chromium's run loads it as http://lab.test, public by its switch)"),
  'lna-target-address-space-mismatch': chromiumSetupNotInFirefoxHar("the page's address space (public only by Chromium's switch) and fetch()'s targetAddressSpace, which no HAR records"),
};

let lab: Lab;
let recordings: { chromium: ChromiumLabRecording; firefox: FirefoxLabRecording } | undefined;
/** Each browser's HAR, as the report reads it. */
const reports: Partial<Record<Judge, ReportedExchange[]>> = {};
/** Mismatches per judged browser (the one that did not record the HAR). */
const allMismatches: Record<Judge, Mismatch[]> = { chromium: [], firefox: [] };

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  const chromium = await recordLabInChromium({ lab, scenarios, run: newRunId('cross-chromium') });
  const firefox = await recordLabInFirefox({ lab, scenarios, run: newRunId('cross-firefox') });
  recordings = { chromium, firefox };
  reports.chromium = reportedExchanges(analyzeHar(chromium.har, { file: 'chromium-lab.har' }));
  reports.firefox = reportedExchanges(analyzeHar(firefox.har, { file: 'firefox-lab.har' }));
  // CORS_DIFF_OUT=<dir> keeps this run's HARs and oracles for a closer look.
  keepRecording('cross-chromium-lab', chromium);
  keepRecording('cross-firefox-lab', firefox);
}, 300_000);

afterAll(async () => {
  await lab?.close();
  if (!recordings) return;
  console.log(differentialSummary("Firefox's HAR → Chromium", recordings.chromium, allMismatches.chromium));
  console.log(differentialSummary("Chromium's HAR → Firefox", recordings.firefox, allMismatches.firefox));
});

const otherThan = (b: Judge): Judge => (b === 'chromium' ? 'firefox' : 'chromium');

function recordingOf(b: Judge): LabRecording {
  if (!recordings) throw new Error('the lab was not recorded');
  return recordings[b];
}

/** The judged browser's oracle rows for one scenario, and the other browser's report read as a prediction for them. */
function crossRows(judge: Judge, scenario: string): { fetches: OracleFetch[]; predict: (f: OracleFetch) => ReportedExchange | undefined } {
  const recorder = otherThan(judge);
  const own = recordingOf(recorder).oracle.fetches.filter((f) => f.scenario === scenario);
  return {
    fetches: recordingOf(judge).oracle.fetches.filter((f) => f.scenario === scenario),
    predict: predictionsFrom(reports[recorder] ?? [], own),
  };
}

describe('the cross-browser comparison itself', () => {
  const page = { step: 0, url: 'u', ok: false };
  const row = (over: Partial<OracleFetch>): OracleFetch => ({
    scenario: 's', step: 0, kind: 'fetch', url: 'http://a/s/s/0/0?run=ff', method: 'GET', occurrence: 0, chain: [], page,
    requestIds: ['1'], observed: true, errorText: null, firefox: null, outcome: 'blocked', ...over,
  });
  const x = (over: Partial<ReportedExchange>): ReportedExchange => ({
    url: 'http://a/s/s/0/0?run=cr', method: 'GET', outcome: 'blocked', chromiumCorsError: 'MissingAllowOriginHeader',
    chromiumFailedParameter: '', firefoxReason: 'CORSMissingAllowOrigin', browsersDisagree: false, ...over,
  });
  it('predicts the other browser from the recorder outcome and browsersDisagree', () => {
    expect(predictedOutcome(x({}))).toBe('blocked');
    expect(predictedOutcome(x({ browsersDisagree: true }))).toBe('allowed');
    expect(predictedOutcome(x({ outcome: 'allowed', browsersDisagree: true }))).toBe('blocked');
    expect(predictedOutcome(x({ outcome: 'not-cors' }))).toBe('not-cors');
  });
  it('matches the other run by scenario and step, not by URL', () => {
    const chromiumRow = row({ url: 'http://a/s/s/0/0?run=cr', chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' } });
    const predict = predictionsFrom([x({})], [chromiumRow]);
    const firefoxRow = row({ firefox: { category: 'CORSMissingAllowOrigin2', reason: 'CORSMissingAllowOrigin', message: '', url: '', flags: 0, timeStamp: 0 } });
    expect(compareFetches([firefoxRow], 'firefox', predict)).toEqual([]);
    expect(compareFetches([row({ outcome: 'allowed' })], 'firefox', predict).map((m) => m.field)).toEqual(['outcome', 'firefoxReason']);
    expect(compareFetches([row({ step: 1 })], 'firefox', predict).map((m) => m.field)).toEqual(['exchange']);
  });
});

describe("one browser's HAR predicts the other browser on every lab fetch", () => {
  for (const scenario of scenarios) {
    it(scenario.id, () => {
      const tables: string[] = [];
      const mismatches: Mismatch[] = [];
      const hiddens = [NOT_IN_THE_RECORDING[scenario.id] ?? []].flat();
      for (const judge of ['firefox', 'chromium'] as const) {
        const { fetches, predict } = crossRows(judge, scenario.id);
        expect(fetches.length, `one ${judge} oracle row per step`).toBe(scenario.steps.length);
        const exempt = hiddens.find((hidden) => hidden.judge === judge)?.fields ?? [];
        const rows = compareFetches(fetches, judge, predict).filter((m) => !exempt.includes(m.field));
        allMismatches[judge].push(...rows);
        mismatches.push(...rows);
        if (rows.length > 0) tables.push(`${otherThan(judge)}'s HAR → ${judge}:\n${formatMismatchTable(rows)}`);
      }
      expect(mismatches, `\n${tables.join('\n\n')}\n`).toEqual([]);
      for (const hidden of hiddens) {
        const { fetches, predict } = crossRows(hidden.judge, scenario.id);
        for (const f of fetches) {
          expect(predict(f), `${f.url}: a prediction although ${hidden.missing} is not in the recording`).toBeDefined();
          hidden.says(predict(f), f);
        }
      }
    });
  }
});
