/**
 * What the capture benchmarks share: the lab's 500-fetch burst page, a Chromium without our
 * extension, and ABBA pairing against it (B/A ratios within one run, never absolute times).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../test/harness/browsers.ts';

/** Fetches per burst: half of them preflighted `PUT`s (`labBurst(N, 0.5)`). */
export const N = 500;

/** A Chromium in a fresh profile, with `extensionDir` loaded (or no extension at all). */
export async function launchWith(extensionDir: string | null): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [])],
  });
  return { context, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

export async function burstPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/burst.html`);
  await page.evaluate('window.labReady');
  return page;
}

/** What `burst` needs of a page: playwright's and puppeteer's pages both evaluate an expression. */
export interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

/** One burst: the page's own time for N concurrent fetches, in ms. */
export async function burst(page: Evaluates): Promise<number> {
  const r = (await page.evaluate(`window.labBurst(${N}, 0.5)`)) as { ms: number; ok: number };
  if (r.ok !== N) throw new Error(`burst: ${r.ok}/${N} ok`);
  return r.ms;
}

/** The id of the first tab whose URL starts with `url`, asked from an extension page. */
export async function tabIdOf(ext: Page, url: string): Promise<number> {
  return (await ext.evaluate(`(async () => (await chrome.tabs.query({})).find((t) => (t.url || '').startsWith(${JSON.stringify(url)}))?.id ?? -1)()`)) as number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export interface Pairs {
  /** Median of the pair ratios B/A. */
  readonly ratio: number;
  readonly ratios: readonly number[];
}

/** ABBA: A B B A, repeated; each (A, B) neighbour is one pair. One warm-up pair is not counted. */
export async function abba(a: () => Promise<number>, b: () => Promise<number>, pairs: number): Promise<Pairs> {
  await a();
  await b();
  const ratios: number[] = [];
  while (ratios.length < pairs) {
    const a1 = await a();
    const b1 = await b();
    const b2 = await b();
    const a2 = await a();
    ratios.push(b1 / a1, b2 / a2);
  }
  return { ratio: median(ratios), ratios };
}

/** `median 1.23 (range 1.01–1.50, n=12)`. */
export function describePairs(p: Pairs): string {
  return `${p.ratio.toFixed(2)} (range ${Math.min(...p.ratios).toFixed(2)}–${Math.max(...p.ratios).toFixed(2)}, n=${p.ratios.length})`;
}

export function loadLine(): string {
  return `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
}

/**
 * The inspected-tab bench's run: `pairs` ABBA pairs of a burst in `basePage` (no extension) and
 * `inspected()`, printed with the load average at start and end.
 */
export async function printInspectedPairs(title: string, basePage: Evaluates, inspected: () => Promise<number>, pairs: number): Promise<void> {
  const baseMs: number[] = [];
  const base = async (): Promise<number> => {
    const ms = await burst(basePage);
    baseMs.push(ms);
    return ms;
  };
  process.stdout.write(`${title}, ${pairs} pairs; ${loadLine()} at start\n`);
  const result = await abba(base, inspected, pairs);
  process.stdout.write(`inspected tab, real pop-out panel rendering: ${describePairs(result)}\n`);
  process.stdout.write(`  pairs: ${result.ratios.map((x) => x.toFixed(2)).join(' ')}\n`);
  process.stdout.write(`baseline burst (no extension): median ${median(baseMs).toFixed(0)} ms for ${N} fetches; ${loadLine()} at end\n`);
}
