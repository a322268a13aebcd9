/**
 * A browser-level Chromium trace (`Tracing.start` over CDP) of a launched persistent context.
 * Playwright's persistent context exposes only page sessions, so the browser is launched with
 * `--remote-debugging-port` as well and reached a second time with `connectOverCDP`, whose
 * `newBrowserCDPSession` is a browser target session that can trace every process.
 *
 * `summarizeTrace` splits each thread's busy time by trace event (self time, nested slices
 * subtracted): what `(program)` in a CPU profile hides — style, layout, paint, message decoding.
 */
import { createServer } from 'node:net';
import { chromium, type CDPSession } from 'playwright-core';

/** A free loopback port (asked from the OS, then released for the browser to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A browser-target CDP session of the Chromium listening on `port`. */
export async function browserSession(port: number): Promise<{ session: CDPSession; close(): Promise<void> }> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const session = await browser.newBrowserCDPSession();
  return { session, close: () => session.detach().catch(() => undefined) };
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'mojom',
  'extensions',
];

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: Record<string, unknown>;
}

export async function startTrace(session: CDPSession): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await session.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES } });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
      await session.send('Tracing.end');
      await done;
      return events;
    },
  };
}

interface Slice {
  readonly name: string;
  readonly ts: number;
  readonly end: number;
}

/** Complete slices of one thread: `X` events, and `B`/`E` pairs matched in order. */
function slicesOf(events: readonly TraceEvent[]): Slice[] {
  const slices: Slice[] = [];
  const open: TraceEvent[] = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur !== undefined) slices.push({ name: e.name, ts: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b !== undefined) slices.push({ name: b.name, ts: b.ts, end: e.ts });
    }
  }
  return slices.sort((a, b) => a.ts - b.ts || b.end - a.end);
}

export interface ThreadSummary {
  readonly label: string;
  /** Time inside top-level slices, µs. */
  readonly busy: number;
  /** Self time by event name, µs, largest first. */
  readonly self: readonly (readonly [string, number])[];
}

/** Busy and self time per slice name of one thread. */
export function summarizeThread(label: string, events: readonly TraceEvent[]): ThreadSummary {
  const self = new Map<string, number>();
  const stack: { slice: Slice; children: number }[] = [];
  let busy = 0;
  const close = (until: number): void => {
    while (stack.length > 0 && (stack[stack.length - 1]?.slice.end ?? 0) <= until) {
      const top = stack.pop();
      if (top === undefined) break;
      const dur = top.slice.end - top.slice.ts;
      self.set(top.slice.name, (self.get(top.slice.name) ?? 0) + Math.max(0, dur - top.children));
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children += dur;
    }
  };
  for (const slice of slicesOf(events)) {
    close(slice.ts);
    if (stack.length === 0) busy += slice.end - slice.ts;
    stack.push({ slice, children: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return { label, busy, self: [...self].sort((a, b) => b[1] - a[1]) };
}

/** Thread names (`thread_name` metadata) keyed by `pid:tid`. */
function threadNames(events: readonly TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.['name'] ?? ''));
  return names;
}

/** The ids of the processes named `name` (`process_name` metadata: "Extension Renderer", "Browser", …). */
export function processesNamed(events: readonly TraceEvent[], name: string): Set<number> {
  const pids = new Set<number>();
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name' && e.args?.['name'] === name) pids.add(e.pid);
  return pids;
}

/** Summaries of every thread of the processes `pids` with at least `minBusyUs` busy, busiest first. */
export function summarizeTrace(events: readonly TraceEvent[], pids: ReadonlySet<number>, minBusyUs = 20_000): ThreadSummary[] {
  const names = threadNames(events);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (!pids.has(e.pid)) continue;
    if (e.ph !== 'X' && e.ph !== 'B' && e.ph !== 'E') continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (list === undefined) byThread.set(key, (list = []));
    list.push(e);
  }
  return [...byThread]
    .map(([key, list]) => summarizeThread(`${names.get(key) ?? '?'} (${key})`, list))
    .filter((s) => s.busy >= minBusyUs)
    .sort((a, b) => b.busy - a.busy);
}

export function printThreads(title: string, threads: readonly ThreadSummary[], top = 14): void {
  process.stdout.write(`${title}\n`);
  for (const t of threads) {
    process.stdout.write(`  ${t.label}: ${(t.busy / 1000).toFixed(0)} ms busy\n`);
    for (const [name, us] of t.self.slice(0, top)) process.stdout.write(`    ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}\n`);
  }
}
