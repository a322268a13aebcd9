/**
 * The fixes, proven by the browsers themselves. Every plain lab scenario is recorded in real
 * Chromium and real Firefox; each recording's report gives every blocked exchange its `fix.server`
 * (docs/report-format.md). A scenario with a blocked exchange gets those changes applied to the
 * lab's answers (merged per response: one server), and the fixed scenario runs again in **both**
 * browsers. Every step the report called blocked, and every step the page could read before, must
 * now be readable in each browser: the fix makes both browsers allow it and keeps allowing what the
 * server already allowed.
 *
 * A scenario with an exchange whose fix is `null` (no server change fixes it) is not run; the test
 * prints that set with each `fix.note`, and requires every member to carry a reason code the
 * catalog marks as not fixable by the server, or a note.
 *
 * Scenarios that need a special browser setup (Local Network Access) are left to the differential
 * tests: their failures are a browser policy, and their fixes are `null`.
 */
import { METHODS } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Scenario, Step } from '../../lab/types.ts';
import { newRunId } from '../../lab/urls.ts';
import type { BrowserName } from '../../src/shared/model/exchange.ts';
import { mergeServerChanges } from '../../src/shared/cors/fix/merge.ts';
import { normalizeMethod } from '../../src/shared/http/safelist.ts';
import { analyzeHar, type Report, type ReportExchange } from '../../src/shared/report/index.ts';
import { recordLabInFirefox } from '../harness/bidi-lab.ts';
import { recordLabInChromium } from '../harness/cdp-lab.ts';
import { launchChromium, launchFirefox, type ChromiumSession, type FirefoxSession } from '../harness/browsers.ts';
import { fixedScenario } from '../harness/lab-fix.ts';
import type { Oracle } from '../harness/oracle.ts';

const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];
const plain = scenarios.filter((s) => s.browserSetup === undefined);

interface Sessions {
  readonly chromium: ChromiumSession;
  readonly firefox: FirefoxSession;
}

async function record(browser: BrowserName, sessions: Sessions, lab: Lab, list: readonly Scenario[]): Promise<{ report: Report; oracle: Oracle }> {
  const run = newRunId(`fix-${browser}`);
  const rec = browser === 'chromium' ? await recordLabInChromium({ lab, scenarios: list, run, session: sessions.chromium }) : await recordLabInFirefox({ lab, scenarios: list, run, session: sessions.firefox });
  return { report: analyzeHar(rec.har, { file: `fix-${browser}.har`, redaction: null }), oracle: rec.oracle };
}

/** Each step's report exchange (the n-th exchange starting at the step's URL) and whether the page could read it. */
function stepsOf(scenario: Scenario, report: Report, oracle: Oracle): { readonly exchange: ReportExchange | undefined; readonly ok: boolean }[] {
  return scenario.steps.map((_, step) => {
    const fetch = oracle.fetches.find((f) => f.scenario === scenario.id && f.step === step);
    const exchange = fetch === undefined ? undefined : report.exchanges.filter((x) => x.request.url === fetch.url)[fetch.occurrence];
    return { exchange, ok: fetch?.page.ok === true };
  });
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
  readonly source: BrowserName;
  readonly original: string;
  readonly scenario: Scenario;
  readonly mustPass: readonly number[];
}

interface NullFix {
  readonly source: BrowserName;
  readonly scenario: string;
  readonly code: string | null;
  readonly note: string | null;
}

function trialsFrom(source: BrowserName, report: Report, oracle: Oracle): { trials: Trial[]; nulls: NullFix[]; conflicts: string[] } {
  const trials: Trial[] = [];
  const nulls: NullFix[] = [];
  const conflicts: string[] = [];
  for (const scenario of plain) {
    const steps = stepsOf(scenario, report, oracle);
    const failing = steps.filter((s) => blocked(s.exchange));
    if (failing.length === 0) continue;
    const none = failing.filter((s) => s.exchange?.fix?.server === null);
    if (none.length > 0) {
      for (const s of none) nulls.push({ source, scenario: scenario.id, code: s.exchange?.verdict.code ?? null, note: s.exchange?.fix?.note ?? null });
      continue;
    }
    const merged = mergeServerChanges(failing.map((s) => s.exchange?.fix?.server ?? []));
    conflicts.push(...merged.conflicts.map((c) => `${scenario.id}: ${c.method} ${c.url} ${c.header}: ${c.values.join(' / ')}`));
    trials.push({
      source,
      original: scenario.id,
      scenario: fixedScenario(scenario, `${scenario.id}-fixed-${source}`, merged.changes),
      mustPass: steps.flatMap((s, i) => ((s.ok || blocked(s.exchange)) && labAnswers(scenario.steps[i] as Step) ? [i] : [])),
    });
  }
  return { trials, nulls, conflicts };
}

describe('every blocked lab scenario, with its fix applied, passes in Chromium and Firefox', () => {
  let sessions: Sessions | undefined;
  const trials: Trial[] = [];
  const nulls: NullFix[] = [];
  const conflicts: string[] = [];
  const results = new Map<string, Oracle>();

  beforeAll(async () => {
    sessions = { chromium: await launchChromium(), firefox: await launchFirefox() };
    const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: plain });
    try {
      for (const source of BROWSERS) {
        const { report, oracle } = await record(source, sessions, lab, plain);
        const found = trialsFrom(source, report, oracle);
        trials.push(...found.trials);
        nulls.push(...found.nulls);
        conflicts.push(...found.conflicts);
      }
    } finally {
      await lab.close();
    }
    const fixed = trials.map((t) => t.scenario);
    const fixedLab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: fixed });
    try {
      for (const browser of BROWSERS) results.set(browser, (await record(browser, sessions, fixedLab, fixed)).oracle);
    } finally {
      await fixedLab.close();
    }
  }, 900_000);

  afterAll(async () => {
    await sessions?.chromium.close();
    await sessions?.firefox.close();
    if (nulls.length > 0) console.log(`fix.server is null for ${nulls.length} blocked exchanges:\n${nulls.map((n) => `  ${n.source} ${n.scenario} (${n.code ?? '-'}): ${n.note ?? ''}`).join('\n')}`);
  });

  it('finds fixes to prove, without conflicting changes to one response', () => {
    expect(trials.length).toBeGreaterThan(40);
    // Each trial proves at least one step (a fixed scenario the lab cannot answer proves nothing).
    expect(trials.filter((t) => t.mustPass.length === 0).map((t) => t.scenario.id)).toEqual(['preflight-method-lowercase-patch-fixed-chromium', 'preflight-method-lowercase-patch-fixed-firefox']);
    expect(conflicts).toEqual([]);
  });

  it('leaves a small, explained set without a server fix', () => {
    const scenariosWithout = new Set(nulls.map((n) => n.scenario));
    expect(scenariosWithout.size).toBeLessThanOrEqual(20);
    expect(nulls.filter((n) => n.note === null)).toEqual([]);
  });

  it.each(BROWSERS)('in %s, every fixed scenario reads every step it must', (browser) => {
    const oracle = results.get(browser);
    if (oracle === undefined) throw new Error(`${browser} did not run`);
    const failures = trials.flatMap((t) =>
      t.mustPass.flatMap((step) => {
        const fetch = oracle.fetches.find((f) => f.scenario === t.scenario.id && f.step === step);
        return fetch?.page.ok === true ? [] : [`${t.original} (fix from ${t.source}) step ${step}: ${fetch === undefined ? 'not run' : (fetch.page.error ?? `status ${fetch.page.status ?? '?'}`)}`];
      }),
    );
    expect(failures).toEqual([]);
  });
});
