/**
 * Does capture make browsing slow? The lab's burst page (500 concurrent cross-site fetches, half
 * preflighted) is timed in Debian Chromium with and without the extension, runs alternated ABBA,
 * and the median of the per-pair ratios printed, for each situation:
 *
 * - `permission`: an extension that only holds `webRequest` + `<all_urls>` (no listeners) — the floor;
 * - `empty listeners`: an extension that registers exactly our listeners (`listenerSpecs`, the same
 *   filter and `extraInfoSpec`) with callbacks that do nothing — what Chrome's webRequest alone
 *   costs for the events we need, before any of our own work;
 * - `uninspected`: ours, with no panel connected anywhere (no listeners at all);
 * - `uninspected-other-inspected`: ours, the measured tab uninspected while another tab is;
 * - `inspected`: ours, with a panel connected for the measured tab (recording it).
 *
 * Then the worker's JS heap (after GC, CDP `Runtime.getHeapUsage`) with 10,000 stored exchanges.
 *
 *   npx tsx bench/capture.ts [pairs=8]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startLab } from '../lab/server.ts';
import { launchChromium, type ChromiumSession } from '../test/harness/browsers.ts';
import { PANEL_PATH, STORED_COUNT } from '../test/harness/extension.ts';
import { CORS_RESOURCE_TYPES, listenerSpecs } from '../src/shared/capture/listeners.ts';
import { abba, burst as timedBurst, burstPage, launchWith, median, N, tabIdOf } from './burst-kit.ts';

const PAIRS = Number(process.argv[2] ?? 8);

/** An extension holding `webRequest` + `<all_urls>` whose worker runs `script`. */
function webRequestExtension(name: string, script: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-webrequest-'));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name, version: '1.0', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'bg.js' } }),
  );
  writeFileSync(path.join(dir, 'bg.js'), script);
  return dir;
}

/** Our Chromium listeners, as the observer registers them while a panel is open (unfiltered by tab), doing nothing. */
function emptyListenersScript(): string {
  const filter = { urls: ['<all_urls>'], types: [...CORS_RESOURCE_TYPES] };
  return listenerSpecs('chromium')
    .map((spec) => `chrome.webRequest.${spec.event}.addListener(() => {}, ${JSON.stringify(filter)}${spec.extraInfoSpec.length > 0 ? `, ${JSON.stringify(spec.extraInfoSpec)}` : ''});`)
    .join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function burst(page: Page): Promise<number> {
  const ms = await timedBurst(page);
  await sleep(400); // let the worker flush before the next run (bench only)
  return ms;
}

const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
const permissionDir = webRequestExtension('webRequest only', '// holds the permission, registers nothing\n');
const emptyDir = webRequestExtension('empty listeners', emptyListenersScript());
const none = await launchWith(null);
const permission = await launchWith(permissionDir);
const empty = await launchWith(emptyDir);
const ours: ChromiumSession = await launchChromium({ extension: true, args: ['--js-flags=--expose-gc'] });
const rows: { situation: string; ratio: number; ratios: readonly number[] }[] = [];
const baselineMs: number[] = [];
try {
  const nonePage = await burstPage(none.context, lab.pageOrigin);
  const permissionPage = await burstPage(permission.context, lab.pageOrigin);
  const emptyPage = await burstPage(empty.context, lab.pageOrigin);
  const measured = await burstPage(ours.context, lab.pageOrigin);
  const other = await burstPage(ours.context, lab.pageOrigin);
  await other.goto(`${lab.pageOrigin}/?other`);
  const ext = await ours.context.newPage();
  await ext.goto(`chrome-extension://${ours.extensionId}/${PANEL_PATH}`);
  const measuredTab = await tabIdOf(ext, `${lab.pageOrigin}/burst.html`);
  const otherTab = await tabIdOf(ext, `${lab.pageOrigin}/?other`);
  // A panel for a tab is a port named cors-panel:<tabId> (what the pop-out page opens).
  const connect = (tabId: number) =>
    ext.evaluate(`globalThis.__bench?.disconnect(); globalThis.__bench = chrome.runtime.connect({ name: 'cors-panel:${tabId}' }); true`);
  const disconnect = () => ext.evaluate(`globalThis.__bench?.disconnect(); globalThis.__bench = undefined; true`);

  const base = async () => {
    const ms = await burst(nonePage);
    baselineMs.push(ms);
    return ms;
  };
  rows.push({ situation: 'permission (webRequest + <all_urls>, no listeners)', ...(await abba(base, () => burst(permissionPage), PAIRS)) });
  rows.push({ situation: 'our listeners, empty callbacks (Chrome alone)', ...(await abba(base, () => burst(emptyPage), PAIRS)) });
  await disconnect();
  rows.push({ situation: 'ours, tab not inspected (no panel anywhere)', ...(await abba(base, () => burst(measured), PAIRS)) });
  await connect(otherTab);
  rows.push({ situation: 'ours, tab not inspected (another tab inspected)', ...(await abba(base, () => burst(measured), PAIRS)) });
  await connect(measuredTab);
  rows.push({ situation: 'ours, inspected tab (panel connected, recording)', ...(await abba(base, () => burst(measured), PAIRS)) });

  // Heap at 10,000 stored exchanges.
  await ext.evaluate(`
    globalThis.__bench.postMessage({ source: 'cors-inspector', kind: 'request', id: 1, name: 'setCapacity', params: [10000] });
    globalThis.__bench.postMessage({ source: 'cors-inspector', kind: 'request', id: 2, name: 'clear', params: [] });
    true`);
  await sleep(500);
  for (let i = 0; i < 10_000 / N; i++) await burst(measured);
  await sleep(1500);
  const heap = await workerHeap(ours, ext);
  for (const r of rows) process.stdout.write(`${r.situation.padEnd(52)} ${r.ratio.toFixed(2)}  (pairs: ${r.ratios.map((x) => x.toFixed(2)).join(' ')})\n`);
  process.stdout.write(`baseline burst (no extension): median ${median(baselineMs).toFixed(0)} ms for ${N} fetches\n`);
  process.stdout.write(`worker heap with ${heap.stored} stored exchanges: ${(heap.used / 1048576).toFixed(1)} MB used (after GC)\n`);
} finally {
  await ours.close();
  await permission.close();
  await empty.close();
  await none.close();
  await lab.close();
  rmSync(permissionDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
}

/** The service worker's heap after GC (CDP `Runtime.getHeapUsage` through the browser session). */
async function workerHeap(session: ChromiumSession, ext: Page): Promise<{ used: number; stored: number }> {
  const browser = session.context.browser();
  if (browser === null) throw new Error('no browser handle');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
  if (sw === undefined) throw new Error('worker target not found');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      const listener = (e: { sessionId: string; message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
        if (e.sessionId === sessionId && m.id === id) {
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(m.result ?? {});
        }
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  const stored = (await ext.evaluate(STORED_COUNT)) as number;
  return { used: Number(usage['usedSize'] ?? 0), stored };
}
