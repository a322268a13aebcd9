/**
 * Records real webRequest event sequences from the lab, in Chromium and Firefox ESR, as unit-test
 * fixtures for the capture pairing (`test/fixtures/webrequest/<browser>/*.json`).
 *
 * A throwaway recorder extension registers exactly the worker's listeners
 * (`listenerSpecs` from src/shared/capture/listeners.ts: same events, same `extraInfoSpec`), so a
 * fixture holds what the worker would receive. Each lab run ends with a sentinel fetch; once the
 * recorder saw the sentinel complete, every earlier event has arrived.
 *
 *   npx tsx scripts/record-webrequest.ts [chromium|firefox|both] [name…]
 *
 * With names, only those fixtures (lab scenario ids or the extra recordings below) are recorded
 * again, and the others are left in place.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page as PwPage } from 'playwright-core';
import type { Page as PptrPage } from 'puppeteer-core';
import { startLab, type Lab } from '../lab/server.ts';
import { scenarios } from '../lab/scenarios.ts';
import { CORS_RESOURCE_TYPES, listenerSpecs } from '../src/shared/capture/listeners.ts';
import type { BrowserName } from '../src/shared/model/exchange.ts';
import { CHROMIUM_ARGS, chromiumPath, launchFirefox, ROOT } from '../test/harness/browsers.ts';

const OUT = path.join(ROOT, 'test/fixtures/webrequest');
const RECORDER_ID = 'webrequest-recorder@cors-inspector.dev';
const RECORDER_UUID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

/** What one fixture file holds. */
export interface WebRequestFixture {
  readonly browser: 'chromium' | 'firefox';
  readonly version: string;
  readonly name: string;
  /** How the traffic was made: `labRun(<scenario>)`, `labBurst(…)`, … */
  readonly how: string;
  readonly pageOrigin: string;
  readonly tabIds: readonly number[];
  /** Raw listener calls in arrival order: `{ event, details }`. */
  readonly events: readonly { event: string; details: unknown }[];
  /** What reached the lab servers during the run (method, url, run). */
  readonly wire: readonly { method: string; url: string; status: number }[];
  /** Chromium only: CDP `Network.loadingFailed.corsErrorStatus` by request URL. */
  readonly corsErrors?: Readonly<Record<string, string>>;
  /** What the page saw (`labRun` step results). */
  readonly results?: unknown;
}

function recorderExtension(browser: BrowserName): string {
  const dir = mkdtempSync(path.join(tmpdir(), `webrequest-recorder-${browser}-`));
  const manifest = {
    manifest_version: 3,
    name: 'webRequest recorder (cors-inspector fixtures)',
    version: '1.0',
    permissions: ['webRequest'],
    host_permissions: ['<all_urls>'],
    background: browser === 'chromium' ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: RECORDER_ID, data_collection_permissions: { required: ['none'] } } } } : {}),
  };
  const specs = listenerSpecs(browser);
  const background = `
const api = globalThis.browser ?? globalThis.chrome;
globalThis.__rec = [];
const filter = { urls: ['<all_urls>'], types: ${JSON.stringify(CORS_RESOURCE_TYPES)} };
for (const spec of ${JSON.stringify(specs)}) {
  const listener = (details) => { globalThis.__rec.push({ event: spec.event, details }); };
  // Firefox rejects an extraInfoSpec argument on events that take none (onErrorOccurred).
  if (spec.extraInfoSpec.length > 0) api.webRequest[spec.event].addListener(listener, filter, spec.extraInfoSpec);
  else api.webRequest[spec.event].addListener(listener, filter);
}
api.runtime.onMessage.addListener((message) => {
  if (message === 'take') { const out = globalThis.__rec; globalThis.__rec = []; return Promise.resolve(out); }
  return undefined;
});
`;
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(dir, 'background.js'), background);
  writeFileSync(path.join(dir, 'dump.html'), '<!doctype html><meta charset="utf-8"><title>dump</title>');
  return dir;
}

interface Driver {
  readonly browser: 'chromium' | 'firefox';
  readonly version: string;
  /** Evaluates in the lab page (tab `index`). */
  page(index: number): { evaluate<T>(fn: string): Promise<T> };
  take(): Promise<{ event: string; details: unknown }[]>;
  corsErrors(): Record<string, string>;
  close(): Promise<void>;
}

async function chromiumDriver(lab: Lab, tabs: number): Promise<Driver> {
  const ext = recorderExtension('chromium');
  const profile = mkdtempSync(path.join(tmpdir(), 'recorder-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const pages: PwPage[] = [];
  const corsErrors: Record<string, string> = {};
  for (let i = 0; i < tabs; i++) {
    const page = i === 0 ? (context.pages()[0] ?? (await context.newPage())) : await context.newPage();
    const cdp = await context.newCDPSession(page);
    const urls = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFailed', (e: { requestId: string; corsErrorStatus?: { corsError: string; failedParameter: string } }) => {
      const url = urls.get(e.requestId);
      if (url && e.corsErrorStatus) corsErrors[url] = `${e.corsErrorStatus.corsError}${e.corsErrorStatus.failedParameter ? `:${e.corsErrorStatus.failedParameter}` : ''}`;
    });
    await cdp.send('Network.enable');
    await page.goto(`${lab.pageOrigin}/`);
    await page.evaluate('window.labReady');
    pages.push(page);
  }
  const version = context.browser()?.version() ?? 'unknown';
  return {
    browser: 'chromium',
    version,
    page: (index) => ({ evaluate: <T,>(fn: string) => pages[index]!.evaluate(fn) as Promise<T> }),
    take: () => sw.evaluate(() => {
      const g = globalThis as unknown as { __rec: { event: string; details: unknown }[] };
      const out = g.__rec;
      g.__rec = [];
      return out;
    }),
    corsErrors: () => {
      const copy = { ...corsErrors };
      for (const key of Object.keys(corsErrors)) delete corsErrors[key];
      return copy;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(ext, { recursive: true, force: true });
    },
  };
}

async function firefoxDriver(lab: Lab, tabs: number): Promise<Driver> {
  const ext = recorderExtension('firefox');
  const session = await launchFirefox({ prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [RECORDER_ID]: RECORDER_UUID }) } });
  await session.browser.installExtension(ext);
  const pages: PptrPage[] = [];
  for (let i = 0; i < tabs; i++) {
    const page = await session.browser.newPage();
    await page.goto(`${lab.pageOrigin}/`);
    await page.evaluate('window.labReady');
    pages.push(page);
  }
  const dump = await session.browser.newPage();
  await dump.goto(`moz-extension://${RECORDER_UUID}/dump.html`, { waitUntil: 'domcontentloaded', timeout: 5000 }).catch(() => undefined);
  const version = await session.browser.version();
  return {
    browser: 'firefox',
    version,
    page: (index) => ({ evaluate: <T,>(fn: string) => pages[index]!.evaluate(fn) as Promise<T> }),
    take: () =>
      dump.evaluate(async () => {
        type Rec = { __rec: { event: string; details: unknown }[] };
        const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Rec> } } }).browser;
        const bg = await api.runtime.getBackgroundPage();
        const out = bg.__rec;
        bg.__rec = [];
        // Copy out of the background's compartment.
        return JSON.parse(JSON.stringify(out)) as { event: string; details: unknown }[];
      }),
    corsErrors: () => ({}),
    async close() {
      await session.close();
      rmSync(ext, { recursive: true, force: true });
    },
  };
}

/** Runs `js` in tab `tab`, then a sentinel fetch; returns once the recorder saw the sentinel end. */
async function record(driver: Driver, lab: Lab, name: string, how: string, run: (d: Driver) => Promise<unknown>): Promise<WebRequestFixture> {
  await driver.take();
  driver.corsErrors();
  lab.clearWire();
  const results = await run(driver);
  const sentinel = `${lab.apiCrossSite}/k/sentinel?run=sentinel-${name}-${Date.now()}&acao=origin`;
  await driver.page(0).evaluate(`fetch(${JSON.stringify(sentinel)}).then((r) => r.text())`);
  const events: { event: string; details: unknown }[] = [];
  const deadline = Date.now() + 15_000;
  for (;;) {
    events.push(...(await driver.take()));
    const done = events.some((e) => e.event === 'onCompleted' && (e.details as { url?: string }).url === sentinel);
    if (done) break;
    if (Date.now() > deadline) throw new Error(`${name}: the sentinel never completed`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const kept = events.filter((e) => !String((e.details as { url?: string }).url ?? '').includes('/k/sentinel'));
  const wire = lab.wire.filter((w) => !w.path.includes('/k/sentinel')).map((w) => ({ method: w.method, url: w.url, status: w.response.status }));
  const tabIds = [...new Set(kept.map((e) => (e.details as { tabId?: number }).tabId ?? -1))];
  return {
    browser: driver.browser,
    version: driver.version,
    name,
    how,
    pageOrigin: lab.pageOrigin,
    tabIds,
    events: kept,
    wire,
    ...(driver.browser === 'chromium' ? { corsErrors: driver.corsErrors() } : {}),
    results,
  };
}

/** One fixture to record: its name, how the traffic is made, and the run. */
interface Recording {
  readonly name: string;
  readonly how: string;
  readonly run: (d: Driver) => Promise<unknown>;
}

function recordings(): Recording[] {
  const list: Recording[] = scenarios
    .filter((s) => s.slow !== true)
    .map((s) => ({ name: s.id, how: `labRun('${s.id}')`, run: (d) => d.page(0).evaluate(`window.labRun(${JSON.stringify(s.id)})`) }));
  list.push(
    { name: 'in-worker-preflight-put-pass', how: `labRunInWorker('preflight-put-pass')`, run: (d) => d.page(0).evaluate(`window.labRunInWorker('preflight-put-pass')`) },
    { name: 'in-frame-preflight-put-pass', how: `labRunInFrame('preflight-put-pass')`, run: (d) => d.page(0).evaluate(`window.labRunInFrame('preflight-put-pass')`) },
    // Who made a request: the other workers, and a frame of another site (src/shared/capture/initiators.ts).
    ...(['module', 'shared', 'service'] as const).flatMap((kind) =>
      ['preflight-put-pass', 'missing-acao-200'].map((id) => ({
        name: `in-${kind}-worker-${id}`,
        how: `labRunInWorker('${id}', undefined, '${kind}')`,
        run: (d: Driver) => d.page(0).evaluate(`window.labRunInWorker(${JSON.stringify(id)}, undefined, ${JSON.stringify(kind)})`),
      })),
    ),
    {
      name: 'in-cross-site-frame-preflight-put-pass',
      how: `labRunInFrame('preflight-put-pass', undefined, 'cross-site')`,
      run: (d) => d.page(0).evaluate(`window.labRunInFrame('preflight-put-pass', undefined, 'cross-site')`),
    },
    // Several identical preflighted requests in flight at once (same URL, same run).
    {
      name: 'concurrent-identical',
      how: 'four identical PUTs at once',
      run: (d) =>
        d.page(0).evaluate(`(async () => {
          const origins = await (await fetch('/origins.json')).json();
          const url = origins['cross-site'] + '/k/same?run=concurrent-' + Date.now() + '&acao=origin&acam=PUT&acah=x-burst&max_age=0';
          return Promise.all([0, 1, 2, 3].map((i) => fetch(url, { method: 'PUT', headers: { 'X-Burst': String(i) } }).then((r) => r.status, (e) => String(e))));
        })()`),
    },
    // Two tabs at once: events interleave.
    {
      name: 'interleaved-tabs',
      how: `labRun('preflight-put-pass') and labRun('cache-max-age-60') in two tabs at once`,
      run: (d) => Promise.all([d.page(0).evaluate(`window.labRun('preflight-put-pass')`), d.page(1).evaluate(`window.labRun('cache-max-age-60')`)]),
    },
    // A POST whose Content-Type is text/plain twice, as a Headers object and as init pairs (the
    // lab's form). The preflight is allowed; what each browser sends shows on the wire.
    ...(['headers-object', 'init-pairs'] as const).map((form) => ({
      name: form === 'headers-object' ? 'doubled-content-type-text-plain' : 'doubled-content-type-text-plain-pairs',
      how: `POST with Content-Type: text/plain given twice (${form === 'headers-object' ? 'Headers.append' : 'fetch init pairs'})`,
      run: (d: Driver) =>
        d.page(0).evaluate(`(async () => {
          const origins = await (await fetch('/origins.json')).json();
          const url = origins['cross-site'] + '/k/doubled?run=doubled-' + Date.now() + '&acao=origin&acam=POST&acah=content-type&max_age=0';
          const pairs = [['Content-Type', 'text/plain'], ['Content-Type', 'text/plain']];
          const headers = ${form === 'headers-object' ? 'new Headers()' : 'pairs'};
          if (headers instanceof Headers) for (const [n, v] of pairs) headers.append(n, v);
          return fetch(url, { method: 'POST', headers, body: 'hello' }).then((r) => r.status, (e) => String(e));
        })()`),
    })),
  );
  return list;
}

async function recordBrowser(which: 'chromium' | 'firefox', only: readonly string[]): Promise<void> {
  const selected = recordings().filter((r) => only.length === 0 || only.includes(r.name));
  if (selected.length === 0) throw new Error(`nothing to record among ${only.join(', ')}`);
  const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  const driver = which === 'chromium' ? await chromiumDriver(lab, 2) : await firefoxDriver(lab, 2);
  const dir = path.join(OUT, which);
  if (only.length === 0) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const save = (f: WebRequestFixture): void => {
    writeFileSync(path.join(dir, `${f.name}.json`), `${JSON.stringify(f, null, 1)}\n`);
    process.stdout.write(`${which} ${f.name}: ${f.events.length} events, ${f.wire.length} on the wire\n`);
  };
  try {
    for (const r of selected) save(await record(driver, lab, r.name, r.how, r.run));
  } finally {
    await driver.close();
    await lab.close();
  }
}

const which = process.argv[2] ?? 'both';
const only = process.argv.slice(3);
if (which === 'chromium' || which === 'both') await recordBrowser('chromium', only);
if (which === 'firefox' || which === 'both') await recordBrowser('firefox', only);
