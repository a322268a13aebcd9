/**
 * Debian Chromium driven over `--remote-debugging-pipe` (scripts/chrome/cdp-pipe.ts), with the
 * extension loaded the way `npm start` loads it (`Extensions.loadUnpacked`), and every page,
 * frame and worker auto-attached with its Network domain on: Chromium's own verdict
 * (`Network.loadingFailed.corsErrorStatus`) is read wherever the request was made, including the
 * service worker and shared workers that Playwright's page sessions do not reach.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithPipe, type CdpPipe } from '../../scripts/chrome/cdp-pipe.ts';
import { CHROMIUM_ARGS, DIST_CHROME, chromiumPath } from './browsers.ts';

/** Target types whose requests Chromium reports in their own Network domain. */
const NETWORK_TARGETS = new Set(['page', 'iframe', 'worker', 'shared_worker', 'service_worker']);

export interface PipeChromium {
  readonly cdp: CdpPipe;
  readonly extensionId: string;
  /** CDP `corsErrorStatus.corsError` of each failed request, by URL (a URL may fail more than once), from every target. */
  readonly corsErrors: Map<string, string[]>;
  /** The target types that made requests, by URL. */
  readonly requesters: Map<string, Set<string>>;
  /** Opens `url` in a new tab; resolves with its session. */
  open(url: string): Promise<string>;
  /** `Runtime.evaluate` in a session, awaiting a promise; the value as JSON. */
  evaluate<T>(sessionId: string, expression: string): Promise<T>;
  close(): Promise<void>;
}

interface TargetInfo {
  readonly targetId: string;
  readonly type: string;
  readonly url: string;
}

export async function launchChromiumOverPipe(): Promise<PipeChromium> {
  const profile = mkdtempSync(path.join(tmpdir(), 'cors-inspector-pipe-'));
  const cdp = launchWithPipe(chromiumPath(), [...CHROMIUM_ARGS, '--headless', '--enable-unsafe-extension-debugging', `--user-data-dir=${profile}`, 'about:blank']);
  const { id: extensionId } = await cdp.send<{ id: string }>('Extensions.loadUnpacked', { path: DIST_CHROME });
  const corsErrors = new Map<string, string[]>();
  const requesters = new Map<string, Set<string>>();
  const urls = new Map<string, string>();
  const typeOf = new Map<string, string>();
  const attached = new Map<string, string>();
  const waiters = new Map<string, (sessionId: string) => void>();

  cdp.on('Target.attachedToTarget', (params) => {
    const sessionId = params['sessionId'] as string;
    const info = params['targetInfo'] as TargetInfo;
    typeOf.set(sessionId, info.type);
    attached.set(info.targetId, sessionId);
    void (async () => {
      if (NETWORK_TARGETS.has(info.type)) {
        await cdp.send('Network.enable', {}, sessionId).catch(() => undefined);
        // Dedicated workers and out-of-process frames are the page's children; the service
        // worker and shared workers come from the browser's own auto-attach.
        if (info.type === 'page' || info.type === 'iframe') {
          await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true, filter: [{ type: 'worker' }, { type: 'iframe' }] }, sessionId).catch(() => undefined);
        }
      }
      await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
      waiters.get(info.targetId)?.(sessionId);
    })();
  });
  cdp.on('Network.requestWillBeSent', (params, sessionId) => {
    const url = (params['request'] as { url: string }).url;
    urls.set(`${sessionId} ${String(params['requestId'])}`, url);
    const set = requesters.get(url) ?? new Set();
    set.add(typeOf.get(sessionId ?? '') ?? 'unknown');
    requesters.set(url, set);
  });
  cdp.on('Network.loadingFailed', (params, sessionId) => {
    const url = urls.get(`${sessionId} ${String(params['requestId'])}`);
    const status = params['corsErrorStatus'] as { corsError?: string } | undefined;
    if (url !== undefined && status?.corsError !== undefined) corsErrors.set(url, [...(corsErrors.get(url) ?? []), status.corsError]);
  });
  // New targets wait until their Network domain is on, so none of their requests is missed.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });

  const evaluate = async <T>(sessionId: string, expression: string): Promise<T> => {
    const { result, exceptionDetails } = await cdp.send<{ result?: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text?: string } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (exceptionDetails !== undefined) throw new Error(`${expression.slice(0, 80)}: ${exceptionDetails.exception?.description ?? exceptionDetails.text ?? 'exception'}`);
    return result?.value as T;
  };

  return {
    cdp,
    extensionId,
    corsErrors,
    requesters,
    async open(url) {
      const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url });
      const known = attached.get(targetId);
      const sessionId = known ?? (await new Promise<string>((resolve) => waiters.set(targetId, resolve)));
      // Loaded once the document at `url` (not the initial about:blank) is complete.
      const loaded = `location.href !== 'about:blank' && document.readyState === 'complete'`;
      for (let i = 0; i < 200 && !(await evaluate<boolean>(sessionId, loaded).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 50));
      return sessionId;
    },
    evaluate,
    async close() {
      await cdp.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
