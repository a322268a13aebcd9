/**
 * Differential fuzzing: random scenarios (lab/fuzz.ts) run in real Chromium and real Firefox, and
 * the report must agree with each browser's own verdict, exactly as the lesson table must
 * (differential-chromium / differential-firefox). The lessons cover what we thought of; these
 * cover the combinations nobody wrote down.
 *
 * Three disagreements are allowed, and only when the report is honest about them in structured
 * fields (a fact code and its values; its English is never read); those rows are printed, not
 * failed:
 * - a HAR never records the credentials mode (a Cookie header shows it, but Chromium sends none
 *   cross-site), so when the two readings give different verdicts the report picks one, warns
 *   `credentials-mode-inferred`, and its `credentials-mode` fact's `otherReading` must hold the
 *   browser's actual CorsError / Firefox reason;
 * - Chromium's HeaderDisallowedByPreflightResponse names the first missing header in its own
 *   header order, which a DevTools HAR does not show for a redirect hop blocked at its preflight:
 *   the report must state `header-order-unrecorded` with the browser's header among `candidates`;
 * - a Firefox HAR does not say whether a fetch that stopped at a redirect was rejected
 *   (`redirect: "error"`) or handed an opaque-redirect response (`"manual"`): the report must
 *   state `redirect-not-followed`.
 *
 * `npm test` runs a fixed seed, so CI is repeatable. Explore others with
 *   CORS_FUZZ_SEED=7 CORS_FUZZ_COUNT=300 npx vitest run --project e2e test/e2e/differential-fuzz.test.ts
 * and keep any disagreement as a lesson (lab/scenarios.ts) once it is understood and fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzScenarios } from '../../lab/fuzz.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { newRunId } from '../../lab/urls.ts';
import type { BrowserName } from '../../src/shared/model/exchange.ts';
import { analyzeHar, type Report, type ReportExchange } from '../../src/shared/report/index.ts';
import { recordLabInFirefox } from '../harness/bidi-lab.ts';
import { recordLabInChromium } from '../harness/cdp-lab.ts';
import { launchChromium, launchFirefox } from '../harness/browsers.ts';
import { keepRecording } from '../harness/differential.ts';
import type { Har } from '../harness/har.ts';
import type { Oracle } from '../harness/oracle.ts';
import { compareWithOracle, formatMismatchTable, reportedExchanges, type Mismatch, type ReportedExchange } from '../harness/report-compare.ts';

const SEED = Number(process.env['CORS_FUZZ_SEED'] ?? 20261122);
const COUNT = Number(process.env['CORS_FUZZ_COUNT'] ?? 150);
const table = fuzzScenarios(SEED, COUNT);

/**
 * The mismatch is what the recording cannot show, and the report says so in structured fields
 * (fact codes and their values, never their wording):
 * - the credentials mode: the report warns `credentials-mode-inferred`, and its `credentials-mode`
 *   fact's other reading (`otherReading`) is what the browser did;
 * - Chromium's header order on an unsent hop: the `header-order-unrecorded` fact lists the
 *   browser's failed parameter among its `candidates`;
 * - a Firefox fetch stopped at a redirect: the `redirect-not-followed` fact.
 */
function honestAmbiguity(report: Report, oracle: Oracle, m: Mismatch, rows: readonly Mismatch[]): boolean {
  const x = exchangeOf(report, oracle, m);
  if (x === undefined) return false;
  if (m.field === 'chromiumFailedParameter' && unrecordedHeaderOrder(x, m.expected)) return true;
  // Firefox's HAR has no error field: redirect: "error" (rejected) and "manual" (an opaque-redirect
  // response) leave the same single 3xx entry (as lesson cors-redirect-error in differential-firefox).
  if (m.field === 'outcome' && x.inferred.some((f) => f.code === 'redirect-not-followed')) return true;
  switch (m.field) {
    case 'chromiumCorsError':
    case 'firefoxReason':
      return otherReadingGives(x, m);
    case 'outcome':
    case 'chromiumFailedParameter':
      // Follows from the verdict: excused only beside an excused verdict row of the same fetch.
      return rows.some((r) => r.url === m.url && r.step === m.step && (r.field === 'chromiumCorsError' || r.field === 'firefoxReason') && otherReadingGives(x, r));
    case 'exchange':
      return false;
  }
}

/** The report's exchange for the mismatch's fetch: a repeated URL has one exchange per fetch, in order. */
function exchangeOf(report: Report, oracle: Oracle, m: Mismatch): ReportExchange | undefined {
  const occurrence = oracle.fetches.find((f) => f.scenario === m.scenario && f.step === m.step)?.occurrence ?? 0;
  return report.exchanges.filter((e) => e.request.url === m.url)[occurrence];
}

/** The report warns that the credentials mode decided the verdict, and its other reading gives the browser's value. */
function otherReadingGives(x: ReportExchange, m: Mismatch): boolean {
  if (!x.warnings.some((w) => w.code === 'credentials-mode-inferred')) return false;
  const expected = JSON.parse(m.expected) as string | null;
  if (expected === null) return false;
  return x.inferred.some((f) => {
    if (f.code !== 'credentials-mode' || f.otherReading === null) return false;
    return m.field === 'chromiumCorsError' ? f.otherReading.chromium.corsError === expected : f.otherReading.firefox.firefoxReason === expected;
  });
}

/** The report says Chromium's header order was not recorded, and lists the browser's failed parameter. */
function unrecordedHeaderOrder(x: ReportExchange, expected: string): boolean {
  const header = JSON.parse(expected) as string | null;
  return header !== null && x.inferred.some((f) => f.code === 'header-order-unrecorded' && f.candidates.includes(header));
}

/**
 * Scenarios per lab page. Chromium 156 never ended some repeated no-cors fetches through a redirect
 * (no loadingFinished, the page long done with them); on one page for 300 scenarios their sockets
 * piled up and the run took 220 s instead of 10 s. A fresh page every few dozen scenarios frees them.
 */
const SCENARIOS_PER_PAGE = 50;

/** One page's recording, read by the report. */
interface Part {
  readonly oracle: Oracle;
  readonly report: Report;
  readonly exchanges: ReportedExchange[];
}

async function recordInParts(browser: BrowserName, lab: Lab): Promise<Map<string, Part>> {
  const byScenario = new Map<string, Part>();
  const session = browser === 'chromium' ? await launchChromium() : await launchFirefox();
  try {
    for (let at = 0; at < table.length; at += SCENARIOS_PER_PAGE) {
      const scenarios = table.slice(at, at + SCENARIOS_PER_PAGE);
      const run = newRunId(`fuzz-${browser}`);
      const rec: { har: Har; oracle: Oracle } =
        'context' in session ? await recordLabInChromium({ lab, scenarios, run, session }) : await recordLabInFirefox({ lab, scenarios, run, session });
      const report = analyzeHar(rec.har, { file: `fuzz-${browser}.har` });
      const part: Part = { oracle: rec.oracle, report, exchanges: reportedExchanges(report) };
      for (const s of scenarios) byScenario.set(s.id, part);
      // CORS_DIFF_OUT=<dir> keeps the HAR and oracle for a closer look.
      keepRecording(`fuzz-${browser}-${SEED}-${at}`, rec);
    }
  } finally {
    await session.close();
  }
  return byScenario;
}

function fuzzAgainst(browser: BrowserName): void {
  describe(`${browser} and the report agree on random scenarios (seed ${SEED})`, () => {
    let lab: Lab | undefined;
    let parts = new Map<string, Part>();
    const all: Mismatch[] = [];
    const ambiguous: Mismatch[] = [];

    beforeAll(async () => {
      lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: table });
      parts = await recordInParts(browser, lab);
    }, 300_000);

    afterAll(async () => {
      await lab?.close();
      if (ambiguous.length > 0) console.log(`${browser}, seed ${SEED}: ${ambiguous.length} rows decided by what the HAR does not record (the report names the alternatives)\n${formatMismatchTable(ambiguous)}`);
      if (all.length > 0) console.log(`${browser}, seed ${SEED}: ${all.length} mismatches\n${formatMismatchTable(all)}`);
    });

    for (const scenario of table) {
      it(`${scenario.id}: ${scenario.title}`, () => {
        const part = parts.get(scenario.id);
        if (part === undefined) throw new Error(`${scenario.id} was not recorded`);
        const { oracle, report, exchanges } = part;
        const fetches = oracle.fetches.filter((f) => f.scenario === scenario.id);
        expect(fetches.length, 'one oracle row per step').toBe(scenario.steps.length);
        const rows = compareWithOracle(exchanges, fetches, browser);
        const excused = rows.filter((m) => honestAmbiguity(report, oracle, m, rows));
        const mismatches = rows.filter((m) => !excused.includes(m));
        ambiguous.push(...excused);
        all.push(...mismatches);
        expect(mismatches, `\n${formatMismatchTable(mismatches)}\n`).toEqual([]);
      });
    }
  });
}

fuzzAgainst('chromium');
fuzzAgainst('firefox');
