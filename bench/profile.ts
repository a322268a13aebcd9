/**
 * A CPU profile of one page over CDP (`Profiler.start` / `Profiler.stop`), summarized as the
 * functions with the most self time: what the page's main thread spent its time on.
 */
import type { Browser, Page } from 'playwright-core';
import type { Protocol } from 'devtools-protocol';

export interface RunningProfile {
  stop(): Promise<Protocol.Profiler.Profile>;
}

export async function startProfile(page: Page): Promise<RunningProfile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      return profile;
    },
  };
}

/** Prints total busy time and the top functions by self time. */
export function printProfile(profile: Protocol.Profiler.Profile, title: string, top = 25): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  const byName = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const frame = byNode.get(id)?.callFrame;
    if (frame === undefined) continue;
    const name = frame.functionName || '(anonymous)';
    if (name !== '(idle)' && name !== '(program)') busy += us;
    const where = frame.url ? ` ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}` : '';
    const key = `${name}${where}`;
    byName.set(key, (byName.get(key) ?? 0) + us);
  }
  const total = profile.endTime - profile.startTime;
  process.stdout.write(`${title}: ${(total / 1000).toFixed(0)} ms profiled, ${(busy / 1000).toFixed(0)} ms busy in script, GC and native\n`);
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}\n`);
  }
}

/**
 * A CPU profile of the extension's service worker (playwright opens no session on a worker): the
 * browser's CDP session attaches to its target and speaks to it through `Target.sendMessageToTarget`.
 */
export async function startWorkerProfile(browser: Browser, extensionId: string): Promise<RunningProfile> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (sw === undefined) throw new Error('worker target not found');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  let nextId = 1;
  const call = (method: string, params: object = {}): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      const listener = (e: { sessionId?: string; message: string }): void => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
        if (e.sessionId !== sessionId || m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        resolve(m.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  return {
    async stop() {
      const { profile } = (await call('Profiler.stop')) as { profile: Protocol.Profiler.Profile };
      await cdp.detach();
      return profile;
    },
  };
}
