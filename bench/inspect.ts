/**
 * Does inspecting a page slow it down, with the real panel open and rendering? The lab's burst
 * page (500 concurrent cross-site fetches, half preflighted) is timed in two Debian Chromium
 * instances used one at a time: one without any extension (A), and one with dist/chrome where the
 * real panel page is open as a pop-out on the measured tab (`panel.html?tabId=<n>`, as a user has
 * it) and renders every exchange as it arrives (B). Runs alternate ABBA after one warm-up pair;
 * the median and range of the pair ratios B/A are printed with the load average.
 *
 * Before each B run the panel's log is cleared (its Clear button); after it, the run waits until
 * the panel's status bar counts all N exchanges, so no run's rendering spills into the next one.
 *
 *   npx vite build --mode chrome && npx tsx bench/inspect.ts [pairs=8]
 *   npx tsx bench/inspect.ts --profile   # one burst under the CDP Profiler of the panel page
 *   npx tsx bench/inspect.ts --profile-worker   # the same, of the extension's service worker
 *   npx tsx bench/inspect.ts --wire      # what the worker sends a panel during one burst, by event type
 *   npx tsx bench/inspect.ts --trace     # one burst under a browser-level trace, busy time per thread
 *
 * For readable names in the profile, build without minifying: `npx vite build --mode chrome --minify false`.
 */
import type { Page } from 'playwright-core';
import { startLab } from '../lab/server.ts';
import { launchChromium } from '../test/harness/browsers.ts';
import { PANEL_PATH } from '../test/harness/extension.ts';
import { burst, burstPage, launchWith, loadLine, N, printInspectedPairs, tabIdOf } from './burst-kit.ts';
import { printProfile, startProfile, startWorkerProfile, type RunningProfile } from './profile.ts';
import { browserSession, freePort, printThreads, processesNamed, startTrace, summarizeTrace } from './trace.ts';

const PROFILE = process.argv.includes('--profile');
const PROFILE_WORKER = process.argv.includes('--profile-worker');
const WIRE = process.argv.includes('--wire');

/**
 * What the worker sends a panel during one burst, by event type (count, JSON bytes): a second
 * port opened from the panel page, as a second panel of the tab (it doubles the worker's posting,
 * so only for this count, never for a timing).
 */
const WIRE_LISTENER = `(() => {
  const tabId = Number(new URLSearchParams(location.search).get('tabId'));
  const wire = (globalThis.__wire = {});
  const port = chrome.runtime.connect({ name: 'cors-panel:' + tabId });
  const count = (e) => {
    const w = (wire[e.type] ??= { count: 0, bytes: 0, verdictBytes: 0 });
    w.count++;
    w.bytes += JSON.stringify(e).length;
    if (e.record && e.record.verdict) w.verdictBytes += JSON.stringify(e.record.verdict).length;
  };
  port.onMessage.addListener((m) => (m.kind === 'batch' ? (globalThis.__batches ??= []).push(m) && m.events.forEach(count) : m.kind === 'event' && count(m.event)));
})()`;
const TRACE = process.argv.includes('--trace');
const PAIRS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 8);

/** Opens the pop-out panel for the tab at `url`; returns the panel page once it is connected. */
async function openPopOut(panel: Page, extensionId: string, url: string): Promise<void> {
  await panel.goto(`chrome-extension://${extensionId}/${PANEL_PATH}`);
  const tabId = await tabIdOf(panel, url);
  if (tabId < 0) throw new Error(`no tab at ${url}`);
  await panel.goto(`chrome-extension://${extensionId}/${PANEL_PATH}?tabId=${tabId}`);
  await panel.getByTestId('status-bar').waitFor();
}

/** Clears the panel's log and waits until it shows none. */
async function clearPanel(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Clear' }).click();
  await panel.waitForFunction(() => document.querySelector('[data-testid="status-bar"]')?.textContent?.startsWith('0 exchanges') ?? false);
}

/** Waits until the panel counts `n` exchanges (the burst has been captured and rendered). */
async function caughtUp(panel: Page, n: number): Promise<void> {
  await panel.waitForFunction((want) => document.querySelector('[data-testid="status-bar"]')?.textContent?.startsWith(`${want} exchanges`) ?? false, n, {
    timeout: 60_000,
    polling: 50,
  });
}

const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
const none = await launchWith(null);
const debugPort = TRACE ? await freePort() : null;
const ours = await launchChromium({ extension: true, args: debugPort === null ? [] : [`--remote-debugging-port=${debugPort}`] });
try {
  if (ours.extensionId === null) throw new Error('extension not loaded');
  const basePage = await burstPage(none.context, lab.pageOrigin);
  const measured = await burstPage(ours.context, lab.pageOrigin);
  const panel = await ours.context.newPage();
  await panel.setViewportSize({ width: 1280, height: 800 });
  await openPopOut(panel, ours.extensionId, `${lab.pageOrigin}/burst.html`);
  await measured.bringToFront();

  const inspected = async (): Promise<number> => {
    await clearPanel(panel);
    const ms = await burst(measured);
    await caughtUp(panel, N);
    return ms;
  };

  if (WIRE) {
    await panel.evaluate(WIRE_LISTENER);
    await inspected(); // warm-up
    await panel.evaluate('for (const k of Object.keys(globalThis.__wire)) delete globalThis.__wire[k]');
    await inspected();
    const wire = (await panel.evaluate('globalThis.__wire')) as Record<string, { count: number; bytes: number; verdictBytes: number }>;
    if (process.env['WIRE_OUT']) (await import('node:fs')).writeFileSync(process.env['WIRE_OUT'], JSON.stringify(await panel.evaluate('globalThis.__batches')));
    process.stdout.write(`what the worker sent one panel during one ${N}-fetch burst:\n`);
    for (const [type, w] of Object.entries(wire)) {
      process.stdout.write(`  ${type.padEnd(20)} ${String(w.count).padStart(5)} events ${(w.bytes / 1e6).toFixed(2).padStart(6)} MB (verdicts ${(w.verdictBytes / 1e6).toFixed(2)} MB)\n`);
    }
  } else if (debugPort !== null) {
    await inspected(); // warm-up
    const { session, close } = await browserSession(debugPort);
    const trace = await startTrace(session);
    const ms = await inspected();
    const events = await trace.stop();
    await close();
    if (process.env['TRACE_OUT']) (await import('node:fs')).writeFileSync(process.env['TRACE_OUT'], JSON.stringify(events));
    process.stdout.write(`one ${N}-fetch burst, ${ms} ms in the page; ${loadLine()}\n`);
    for (const name of ['Extension Renderer', 'Renderer', 'Browser', 'Service: network.mojom.NetworkService']) {
      printThreads(`${name} (the extension's is the panel page's main thread and the service worker):`, summarizeTrace(events, processesNamed(events, name)).slice(0, 4));
    }
  } else if (PROFILE || PROFILE_WORKER) {
    await inspected(); // warm-up
    const browser = ours.context.browser();
    let profile: RunningProfile;
    if (!PROFILE_WORKER) profile = await startProfile(panel);
    else if (browser !== null) profile = await startWorkerProfile(browser, ours.extensionId);
    else throw new Error('no browser handle');
    const ms = await inspected();
    const result = await profile.stop();
    if (process.env['PROFILE_OUT']) (await import('node:fs')).writeFileSync(process.env['PROFILE_OUT'], JSON.stringify(result));
    printProfile(result, `${PROFILE_WORKER ? 'service worker' : 'panel page'} during one ${N}-fetch burst (${ms} ms in the page); ${loadLine()}`, 40);
  } else {
    await printInspectedPairs('Chromium', basePage, inspected, PAIRS);
  }
} finally {
  await ours.close();
  await none.close();
  await lab.close();
}
