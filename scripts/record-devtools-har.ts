/**
 * `npx tsx scripts/record-devtools-har.ts [--out DIR] [--attempts N]`
 *
 * Runs the CORS lab in Debian Chromium with its real DevTools front-end open on the lab page and
 * saves what the Network panel's "Export HAR" writes, next to what Chromium decided (over CDP, on
 * the same page, in the same run):
 *   DIR/chromium-devtools-lab.har            "Export HAR (with sensitive data)"
 *   DIR/chromium-devtools-lab-sanitized.har  "Export HAR (sanitized)", Chrome's default
 *   DIR/chromium-devtools-lab.oracle.json    CDP corsErrorStatus per fetch (format of chromium-lab.oracle.json)
 * DIR defaults to test/fixtures/recorded. The HAR files are the front-end's output, unchanged.
 *
 * It also compares the export with the HAR our CDP recorder (test/harness/cdp-har.ts) builds from
 * the same events, on every field the HAR reader uses, and prints the differences.
 *
 * The DevTools target sometimes closes under automation: each attempt has a time limit and the
 * whole recording is retried (`--attempts`, default 3). Scenarios with a `browserSetup` are
 * skipped: they need a Chromium launched with other switches, so another DevTools and another
 * export; one export covers one browser session.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'puppeteer-core';
import { chromiumArgsFor } from '../lab/browser-setup.ts';
import { startLab, type Lab } from '../lab/server.ts';
import { scenarios } from '../lab/scenarios.ts';
import type { Scenario } from '../lab/types.ts';
import { newRunId } from '../lab/urls.ts';
import { ROOT } from '../test/harness/browsers.ts';
import { chromiumOracle, recordLabPage } from '../test/harness/cdp-lab.ts';
import {
  asRecorderSession,
  closeChromium,
  devToolsFrontEnd,
  inspectedPage,
  launchChromiumWithDevTools,
  withDeadline,
} from '../test/harness/devtools-frontend.ts';
import { DevToolsNetworkLog, type DevToolsHarExport } from '../test/harness/devtools-har.ts';
import type { Har, HarEntry } from '../test/harness/har.ts';
import type { Oracle } from '../test/harness/oracle.ts';

const ATTEMPT_MS = 240_000;

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'test/fixtures/recorded') },
    attempts: { type: 'string', default: '3' },
  },
});
const outDir = values.out;
const attempts = Math.max(1, Number(values.attempts) || 3);

interface DevToolsRecording {
  full: DevToolsHarExport;
  sanitized: DevToolsHarExport;
  /** What cdp-har.ts builds from the same CDP events, DevTools' way of matching raw heads. */
  synthesized: Har;
  oracle: Oracle;
}

async function recordOnce(browser: Browser, lab: Lab, list: readonly Scenario[]): Promise<DevToolsRecording> {
  const run = newRunId('devtools');
  const log = await DevToolsNetworkLog.open(await devToolsFrontEnd(browser));
  const page = await inspectedPage(browser);
  const session = await page.createCDPSession();
  try {
    const rec = await recordLabPage(
      {
        cdp: asRecorderSession(session),
        goto: async (url) => {
          await page.goto(url);
          await log.waitForRequest(url);
        },
        labReady: () => page.evaluate(() => window.labReady),
        labRun: (id, r) => page.evaluate((i, rr) => window.labRun(i, rr), id, r),
      },
      { lab, setup: undefined, list, run, pageId: 'page_1' },
    );
    // Everything CDP reported must have reached the front-end's log before it exports.
    await log.waitForRequestIds(rec.recorder.all().flatMap((r) => (r.hops.length > 0 ? [r.requestId] : [])));
    const sanitized = await log.exportHar(true);
    const full = await log.exportHar(false);
    const synthesized = rec.recorder.har({ userAgent: rec.userAgent, pageUrl: rec.pageUrl, extraInfo: 'devtools' });
    return { full, sanitized, synthesized, oracle: chromiumOracle(rec, { lab, run }, rec.fetches) };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

async function record(lab: Lab, list: readonly Scenario[]): Promise<DevToolsRecording> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const browser = await launchChromiumWithDevTools({ args: chromiumArgsFor(undefined, lab) });
    try {
      return await withDeadline(ATTEMPT_MS, `DevTools recording attempt ${attempt}`, () => recordOnce(browser, lab, list));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`attempt ${attempt}: ${message}`);
      console.warn(`attempt ${attempt} of ${attempts} failed: ${message}`);
    } finally {
      await closeChromium(browser);
    }
  }
  throw new Error(`no DevTools recording after ${attempts} attempts:\n${failures.join('\n')}`);
}

// ─────────────── the export against cdp-har.ts, on the fields the HAR reader uses ───────────────

const entryKey = (e: HarEntry): string => `${e.request.method} ${e.request.url} ${e._resourceType ?? ''}`;

const READ_FIELDS: Record<string, (e: HarEntry) => unknown> = {
  status: (e) => e.response.status,
  _error: (e) => e.response._error ?? null,
  redirectURL: (e) => e.response.redirectURL,
  pageref: (e) => e.pageref,
  _fromCache: (e) => e._fromCache,
  _initiator: (e) => [e._initiator?.type, e._initiator?.url, e._initiator?.requestId],
  'request.headers': (e) => e.request.headers.map((h) => `${h.name}: ${h.value}`),
  'response.headers': (e) => e.response.headers.map((h) => `${h.name}: ${h.value}`),
  'request.postData.text': (e) => e.request.postData?.text,
};

/** Differences between two HARs of the same events: entry set, order, and the fields above. */
function shapeDifferences(real: Har, synthesized: Har): string[] {
  const out: string[] = [];
  const synthByKey = new Map<string, HarEntry[]>();
  for (const e of synthesized.log.entries) synthByKey.set(entryKey(e), [...(synthByKey.get(entryKey(e)) ?? []), e]);
  const realKeys = real.log.entries.map(entryKey);
  const onlySynth = synthesized.log.entries.map(entryKey).filter((k) => !realKeys.includes(k));
  if (onlySynth.length) out.push(`entries only in the synthesized HAR: ${onlySynth.join(', ')}`);
  const seen = new Map<string, number>();
  const differing = new Map<string, string[]>();
  const matched: string[] = [];
  for (const e of real.log.entries) {
    const key = entryKey(e);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const twin = synthByKey.get(key)?.[n];
    if (!twin) {
      out.push(`entry only in the DevTools export: ${key} #${n + 1}`);
      continue;
    }
    matched.push(key);
    for (const [field, read] of Object.entries(READ_FIELDS)) {
      if (JSON.stringify(read(e)) !== JSON.stringify(read(twin))) differing.set(field, [...(differing.get(field) ?? []), key]);
    }
  }
  const synthOrder = synthesized.log.entries.map(entryKey).filter((k) => realKeys.includes(k));
  if (JSON.stringify(synthOrder) !== JSON.stringify(matched)) out.push('entries are in another order');
  for (const [field, keys] of differing) out.push(`${field} differs on ${keys.length} entries, first: ${keys[0]}`);
  return out;
}

// ─────────────────────────────── main ───────────────────────────────

const skipped = scenarios.filter((s) => s.browserSetup !== undefined);
for (const s of skipped) {
  console.log(`skipped ${s.id}: needs browser setup "${s.browserSetup}" (its own Chromium launch, so another DevTools and another export)`);
}
const list = scenarios.filter((s) => s.browserSetup === undefined);

const lab = await startLab();
try {
  const rec = await record(lab, list);
  const files: [string, string][] = [
    ['chromium-devtools-lab.har', rec.full.text],
    ['chromium-devtools-lab-sanitized.har', rec.sanitized.text],
    ['chromium-devtools-lab.oracle.json', `${JSON.stringify(rec.oracle, null, 2)}\n`],
  ];
  for (const [name, text] of files) writeFileSync(path.join(outDir, name), text);
  const { fetches } = rec.oracle;
  console.log(
    `Chromium ${rec.oracle.browserVersion} DevTools export (${rec.full.fileName ?? 'no file name'}): ` +
      `${rec.full.har.log.entries.length} entries (sanitized: ${rec.sanitized.har.log.entries.length}), ` +
      `${fetches.length} fetches of ${list.length} scenarios (${fetches.filter((f) => f.outcome === 'blocked').length} blocked, ` +
      `${fetches.filter((f) => !f.observed).length} not observed) → ${path.relative(process.cwd(), outDir)}/chromium-devtools-lab{,-sanitized}.har, .oracle.json`,
  );
  const differences = shapeDifferences(rec.full.har, rec.synthesized);
  console.log(
    differences.length === 0
      ? 'cdp-har.ts (extraInfo: devtools) builds the same entries, in the same order, with the same fields the reader uses'
      : `cdp-har.ts (extraInfo: devtools) vs the DevTools export:\n  ${differences.join('\n  ')}`,
  );
} finally {
  await lab.close();
}
