/**
 * The fixes, proven by the browsers themselves. Every plain lab scenario, every cookie lesson and a
 * fixed-seed set of fuzz scenarios (lab/fuzz.ts) is recorded in real Chromium and real Firefox;
 * each recording's report gives every blocked exchange its `fix.server` (docs/report-format.md).
 * A scenario with a blocked exchange gets those changes applied to the lab's answers (merged per
 * response: one server), and the fixed scenario runs again in **both** browsers. Every step the
 * report called blocked, and every step the page could read before, must now be readable in each
 * browser: the fix makes both browsers allow it and keeps allowing what the server already allowed.
 *
 * A scenario with an exchange whose fix is `null` (no server change fixes it) is not run; the test
 * prints that set with each `fix.note` and requires a note on every member. Its lessons must be
 * few; its fuzz members must carry a reason code the catalog marks as the client's to fix
 * (`CLIENT_SIDE_CODES`) or a structured blocker.
 *
 * What is in, and why:
 * - Lessons (lab/scenarios.ts) without a `browserSetup`.
 * - Cookie lessons (lab/scenarios-cookies.ts): two are blocked by CORS (`InvalidAllowCredentials`
 *   on a response that sets a cookie), a failure the server fixes; the rest pass and must still
 *   pass. Whether a cookie is stored or sent is not a CORS verdict, and not checked here
 *   (test/e2e/differential-cookies.test.ts does).
 * - Fuzz scenarios: the differential test's seed (test/e2e/differential-fuzz.test.ts), so each
 *   report's verdict is one that test holds equal to the browser's. The first
 *   `CORS_FIX_FUZZ_COUNT` (default 100) of them; explore others with
 *   CORS_FIX_FUZZ_SEED=7 CORS_FIX_FUZZ_COUNT=300 npx vitest run --project e2e test/e2e/fix-proven.test.ts
 *   A fuzz step may stay unreadable only for a reason read from structured fields (`excuse`: an
 *   answer the recording never showed, or a credentials mode it does not show); those rows are
 *   printed. A lesson step may not.
 *
 * What is out, and why:
 * - Local Network Access lessons (those with a `browserSetup`): Chromium's permission prompt and
 *   secure-context rule, or the page's `targetAddressSpace`, decide them before any request is
 *   sent; no response header changes that (their reason code, `local-network-access`, is the
 *   client's: `fix.server` is `null`), and Firefox 153 has no such check to prove anything in.
 */
import { METHODS } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzScenarios } from '../../lab/fuzz.ts';
import { scenarios } from '../../lab/scenarios.ts';
import { cookieScenarios } from '../../lab/scenarios-cookies.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Scenario, Step } from '../../lab/types.ts';
import { newRunId } from '../../lab/urls.ts';
import type { BrowserName } from '../../src/shared/model/exchange.ts';
import { mergeServerChanges } from '../../src/shared/cors/fix/merge.ts';
import { normalizeMethod } from '../../src/shared/http/safelist.ts';
import { analyzeHar, type Report, type ReportExchange, type ReportPreflight } from '../../src/shared/report/index.ts';
import { recordLabInFirefox } from '../harness/bidi-lab.ts';
import { recordLabInChromium } from '../harness/cdp-lab.ts';
import { launchChromium, launchFirefox, type ChromiumSession, type FirefoxSession } from '../harness/browsers.ts';
import { fixedScenario } from '../harness/lab-fix.ts';
import type { Oracle } from '../harness/oracle.ts';

const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];
const FUZZ_SEED = Number(process.env['CORS_FIX_FUZZ_SEED'] ?? 20261122);
const FUZZ_COUNT = Number(process.env['CORS_FIX_FUZZ_COUNT'] ?? 100);

type Group = 'lessons' | 'fuzz';
const GROUPS: Readonly<Record<Group, readonly Scenario[]>> = {
  lessons: [...scenarios.filter((s) => s.browserSetup === undefined), ...cookieScenarios],
  fuzz: fuzzScenarios(FUZZ_SEED, FUZZ_COUNT),
};

/** Scenarios per lab page: Chromium 156 slows down on one page with hundreds of fetches (test/e2e/differential-fuzz.test.ts). */
const SCENARIOS_PER_PAGE = 50;

interface Sessions {
  readonly chromium: ChromiumSession;
  readonly firefox: FirefoxSession;
}

/** One lab page's recording: the scenarios it ran, the report of its HAR and the browser's own verdicts. */
interface Recorded {
  readonly scenarios: readonly Scenario[];
  readonly report: Report;
  readonly oracle: Oracle;
}

async function record(browser: BrowserName, sessions: Sessions, lab: Lab, list: readonly Scenario[]): Promise<Recorded[]> {
  const parts: Recorded[] = [];
  for (let at = 0; at < list.length; at += SCENARIOS_PER_PAGE) {
    const part = list.slice(at, at + SCENARIOS_PER_PAGE);
    const run = newRunId(`fix-${browser}`);
    const rec = browser === 'chromium' ? await recordLabInChromium({ lab, scenarios: part, run, session: sessions.chromium }) : await recordLabInFirefox({ lab, scenarios: part, run, session: sessions.firefox });
    parts.push({ scenarios: part, report: analyzeHar(rec.har, { file: `fix-${browser}.har`, redaction: null }), oracle: rec.oracle });
  }
  return parts;
}

/** Each step's report exchange (the n-th exchange starting at the step's URL) and what the browser did with it. */
function stepsOf(scenario: Scenario, report: Report, oracle: Oracle): { readonly exchange: ReportExchange | undefined; readonly ok: boolean }[] {
  return scenario.steps.map((_, step) => {
    const fetch = oracle.fetches.find((f) => f.scenario === scenario.id && f.step === step);
    const exchange = fetch === undefined ? undefined : report.exchanges.filter((x) => x.request.url === fetch.url)[fetch.occurrence];
    return { exchange, ok: fetch?.page.ok === true };
  });
}

/** A hop's preflight answer the browser had: received, or the cached one (a cache hit records no status). */
const hadPreflightAnswer = (p: ReportPreflight | null): boolean => p !== null && (p.status !== null || p.fromCache);

/** The answers (preflights, cached ones included, and responses) a recorded exchange holds, in the order the browser met them. */
const answersSeen = (x: ReportExchange): number => x.hops.reduce((n, hop) => n + (hadPreflightAnswer(hop.preflight) ? 1 : 0) + (hop.status === null ? 0 : 1), 0);

/**
 * Why a fuzz step that stays unreadable after its fix is no fault of the fix, read from structured
 * fields only (null: it is a fault):
 * - `unseen-answer`: the fixed run got further than the recording (it holds more answers) and was
 *   stopped by the last, which the recording never showed: the browser stopped at a preflight or
 *   a redirect before asking for it. A fix covers what the recording shows (and the request's own
 *   answer, `unrecorded`); the next answer is the next round of fixing.
 * - `credentials-mode-unknown`: the recording does not show the credentials mode (the report's
 *   `request.credentials` row is `unknown`), the verdict read it as not credentialed, and the page
 *   sent `credentials: "include"` with no cookie to show it (Chromium blocks third-party cookies,
 *   and nothing set one). The fix is the smallest for the reading the report states; a
 *   credentialed request needs `Access-Control-Allow-Credentials` and a named origin, which the
 *   report does not advise on a guess (the issue: credentials headers only where the request
 *   carries credentials).
 */
type Excuse = 'unseen-answer' | 'credentials-mode-unknown';

function excuse(step: Step, recorded: ReportExchange | undefined, fixed: ReportExchange | undefined): Excuse | null {
  if (recorded === undefined) return null;
  if (fixed !== undefined && answersSeen(fixed) > answersSeen(recorded)) return 'unseen-answer';
  const credentials = recorded.checks.find((c) => c.id === 'request.credentials');
  if (step.credentials === 'include' && credentials?.status === 'unknown' && credentials.observed === 'not include') return 'credentials-mode-unknown';
  return null;
}

/** Blocked as the report says (the recorder's verdict, which carries the fix; a fix also satisfies the other browser). */
const blocked = (x: ReportExchange | undefined): boolean => x?.verdict.outcome === 'blocked';

/**
 * Whether the lab can answer the step once it is sent: Node's HTTP parser accepts only the methods
 * it knows, in upper case (`http.METHODS`), and drops a connection that sends `patch` (fetch
 * upper-cases only the methods https://fetch.spec.whatwg.org/#concept-method-normalize names). The lesson
 * preflight-method-lowercase-patch is blocked at its preflight, so the lab never had to answer it;
 * fixed, the browser sends it and Node refuses it below HTTP.
 */
const labAnswers = (step: Step): boolean => METHODS.includes(normalizeMethod(step.method ?? 'GET'));

/** A fixed scenario, and the steps that must be readable in it. */
interface Trial {
  readonly group: Group;
  readonly source: BrowserName;
  readonly original: string;
  readonly scenario: Scenario;
  readonly mustPass: readonly number[];
  /** Steps blocked in the recording whose method the lab cannot answer (`labAnswers`). */
  readonly unanswerable: readonly number[];
  /** Each step's exchange in the recording the fix was made from. */
  readonly recorded: readonly (ReportExchange | undefined)[];
}

interface NullFix {
  readonly group: Group;
  readonly source: BrowserName;
  readonly scenario: string;
  readonly code: string | null;
  readonly note: string | null;
}

interface Found {
  readonly trials: Trial[];
  readonly nulls: NullFix[];
  readonly conflicts: string[];
}

function trialsFrom(group: Group, source: BrowserName, { scenarios: list, report, oracle }: Recorded, found: Found): void {
  for (const scenario of list) {
    const steps = stepsOf(scenario, report, oracle);
    const failing = steps.filter((s) => blocked(s.exchange));
    if (failing.length === 0) continue;
    const none = failing.filter((s) => s.exchange?.fix?.server === null);
    if (none.length > 0) {
      for (const s of none) found.nulls.push({ group, source, scenario: scenario.id, code: s.exchange?.verdict.code ?? null, note: s.exchange?.fix?.note ?? null });
      continue;
    }
    const merged = mergeServerChanges(failing.map((s) => s.exchange?.fix?.server ?? []));
    found.conflicts.push(...merged.conflicts.map((c) => `${scenario.id}: ${c.method} ${c.url} ${c.header}: ${c.values.join(' / ')}`));
    const required = steps.flatMap((s, i) => (s.ok || blocked(s.exchange) ? [i] : []));
    const answers = (i: number): boolean => labAnswers(scenario.steps[i] as Step);
    found.trials.push({
      group,
      source,
      original: scenario.id,
      scenario: fixedScenario(scenario, `${scenario.id}-fixed-${source}`, merged.changes),
      mustPass: required.filter(answers),
      unanswerable: required.filter((i) => !answers(i)),
      recorded: steps.map((st) => st.exchange),
    });
  }
}

/** Seconds since `start`, for the timing line. */
const since = (start: number): string => ((performance.now() - start) / 1000).toFixed(1);

describe('every blocked lab and fuzz scenario, with its fix applied, passes in Chromium and Firefox', () => {
  let sessions: Sessions | undefined;
  const found: Record<Group, Found> = { lessons: { trials: [], nulls: [], conflicts: [] }, fuzz: { trials: [], nulls: [], conflicts: [] } };
  const results = new Map<BrowserName, Recorded[]>();
  const excused: string[] = [];
  const timing: string[] = [];

  beforeAll(async () => {
    sessions = { chromium: await launchChromium(), firefox: await launchFirefox() };
    for (const group of ['lessons', 'fuzz'] as const) {
      const start = performance.now();
      const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: GROUPS[group] });
      try {
        for (const source of BROWSERS) for (const part of await record(source, sessions, lab, GROUPS[group])) trialsFrom(group, source, part, found[group]);
      } finally {
        await lab.close();
      }
      timing.push(`${group}: recorded ${GROUPS[group].length} scenarios in both browsers in ${since(start)} s`);
    }
    for (const group of ['lessons', 'fuzz'] as const) {
      const start = performance.now();
      const fixed = found[group].trials.map((t) => t.scenario);
      const fixedLab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: fixed });
      try {
        for (const browser of BROWSERS) results.set(browser, [...(results.get(browser) ?? []), ...(await record(browser, sessions, fixedLab, fixed))]);
      } finally {
        await fixedLab.close();
      }
      timing.push(`${group}: ran ${fixed.length} fixed scenarios in both browsers in ${since(start)} s`);
    }
  }, 1_800_000);

  afterAll(async () => {
    await sessions?.chromium.close();
    await sessions?.firefox.close();
    const nulls = [...found.lessons.nulls, ...found.fuzz.nulls];
    if (nulls.length > 0) console.log(`fix.server is null for ${nulls.length} blocked exchanges:\n${nulls.map((n) => `  ${n.source} ${n.scenario} (${n.code ?? '-'}): ${n.note ?? ''}`).join('\n')}`);
    const proved = found.fuzz.trials.reduce((n, t) => n + t.mustPass.length, 0) * BROWSERS.length;
    console.log(`fuzz: ${proved - excused.length} of ${proved} steps (both browsers) readable with the fix; ${excused.length} stay blocked for a reason the recording did not show:\n  ${excused.join('\n  ')}`);
    console.log(`fix-proven timing (fuzz seed ${FUZZ_SEED}, ${FUZZ_COUNT} scenarios):\n  ${timing.join('\n  ')}`);
  });

  it('finds fixes to prove, without conflicting changes to one response', () => {
    const { lessons, fuzz } = found;
    expect(lessons.trials.length).toBeGreaterThan(40);
    expect(fuzz.trials.length).toBeGreaterThan(FUZZ_COUNT / 5);
    // Each trial proves at least one step, or its steps are ones the lab cannot answer once fixed.
    expect(lessons.trials.filter((t) => t.mustPass.length === 0).map((t) => t.scenario.id)).toEqual(['preflight-method-lowercase-patch-fixed-chromium', 'preflight-method-lowercase-patch-fixed-firefox']);
    expect(fuzz.trials.filter((t) => t.mustPass.length === 0 && t.unanswerable.length === 0).map((t) => t.scenario.id)).toEqual([]);
    expect([...lessons.conflicts, ...fuzz.conflicts]).toEqual([]);
  });

  it('leaves a small, explained set without a server fix', () => {
    const lessonsWithout = new Set(found.lessons.nulls.map((n) => n.scenario));
    expect(lessonsWithout.size).toBeLessThanOrEqual(20);
    expect([...found.lessons.nulls, ...found.fuzz.nulls].filter((n) => n.note === null)).toEqual([]);
  });

  it.each(BROWSERS)('in %s, every fixed scenario reads every step it must', (browser) => {
    const parts = results.get(browser);
    if (parts === undefined) throw new Error(`${browser} did not run`);
    const failures = [...found.lessons.trials, ...found.fuzz.trials].flatMap((t) => {
      const part = parts.find((p) => p.scenarios.includes(t.scenario));
      if (part === undefined) return [`${t.original} (fix from ${t.source}): not run`];
      const steps = stepsOf(t.scenario, part.report, part.oracle);
      return t.mustPass.flatMap((step) => {
        if (steps[step]?.ok === true) return [];
        const fixed = steps[step]?.exchange;
        const row = `${t.original} (fix from ${t.source}) step ${step}: ${fixed?.verdict.code ?? 'not recorded'}`;
        const why = t.group === 'fuzz' ? excuse(t.scenario.steps[step] as Step, t.recorded[step], fixed) : null;
        if (why === null) return [row];
        excused.push(`${browser}: ${row} — ${why}`);
        return [];
      });
    });
    expect(failures).toEqual([]);
  });
});
