/**
 * Chrome DevTools' own HAR export, taken from a live front-end (devtools-frontend.ts).
 *
 * The Network panel's export runs unchanged: `NetworkLogView.exportAll({sanitize})` (what the
 * toolbar's "Export HAR (sanitized)" button and the "… (with sensitive data)" menu item call) →
 * `HAR.Writer.Writer.write(stream, harRequests(), options)` → `HAR.Log.Log.build`. Only the
 * embedder's file calls (`InspectorFrontendHost.save/append/close`, normally a Save dialog and a
 * file) are answered in memory, so the text is byte for byte the file a user would get.
 * `harRequests()` is the panel's own selection: every request of `Logs.NetworkLog` that passes the
 * panel's filters (none set here), has an http(s)/ws(s) URL and has finished.
 *
 * Code inside the front-end is passed as strings: tsx compiles functions with helpers (`__name`)
 * that do not exist there.
 */
import type { Page } from 'puppeteer-core';
import type { Har } from './har.ts';

/** Where the helpers below live inside the front-end (`globalThis[…]`). */
const GLOBAL = '__corsInspectorDevToolsHar';

/** Loads the front-end modules the helpers need and installs the helpers. */
const INSTALL = `(async () => {
  const load = (path) => import('devtools://devtools/bundled/' + path);
  const [SDK, Logs, Host, UI, Network] = await Promise.all([
    load('core/sdk/sdk.js'),
    load('models/logs/logs.js'),
    load('core/host/host.js'),
    load('ui/legacy/legacy.js'),
    load('panels/network/network.js'),
  ]);
  const requests = () => Logs.NetworkLog.NetworkLog.instance().requests();
  globalThis.${GLOBAL} = {
    /** The inspected page's target exists and its NetworkManager (which enables Network) too. */
    networkReady() {
      try {
        const target = SDK.TargetManager.TargetManager.instance().primaryPageTarget();
        return Boolean(target && target.model(SDK.NetworkManager.NetworkManager));
      } catch {
        return false;
      }
    },
    /** The front-end has a finished request for this URL. */
    hasFinished(url) {
      return requests().some((r) => r.url() === url && r.finished);
    },
    /** CDP request ids the front-end's log lacks, or holds unfinished (a redirect's last hop keeps the id). */
    missing(ids) {
      const finished = new Set(requests().filter((r) => r.finished).map((r) => r.requestId()));
      return ids.filter((id) => !finished.has(id));
    },
    async exportHar(sanitize) {
      await UI.InspectorView.InspectorView.instance().showPanel('network');
      const view = Network.NetworkPanel.NetworkPanel.instance().networkLogView;
      const host = Host.InspectorFrontendHost.InspectorFrontendHostInstance;
      const events = Host.InspectorFrontendHostAPI.Events;
      const saved = { save: host.save, append: host.append, close: host.close };
      const chunks = [];
      let fileName = null;
      let closed = false;
      host.save = (url) => {
        fileName = url;
        queueMicrotask(() => host.events.dispatchEventToListeners(events.SavedURL, { url, fileSystemPath: url }));
      };
      host.append = (url, content) => {
        chunks.push(content);
        queueMicrotask(() => host.events.dispatchEventToListeners(events.AppendedToURL, url));
      };
      host.close = () => {
        closed = true;
      };
      try {
        await view.exportAll({ sanitize });
      } finally {
        Object.assign(host, saved);
      }
      if (!closed) throw new Error('DevTools did not finish writing its HAR file');
      return { fileName, text: chunks.join('') };
    },
  };
  return true;
})()`;

const call = (expression: string): string => `globalThis.${GLOBAL}.${expression}`;

/** One HAR as DevTools wrote it: the file text, and the file name it chose. */
export interface DevToolsHarExport {
  fileName: string | null;
  text: string;
  har: Har;
}

/** The Network log of a DevTools front-end, and its HAR export. */
export class DevToolsNetworkLog {
  private constructor(private readonly devtools: Page) {}

  /** Installs the helpers and waits until the front-end records the inspected page's network. */
  static async open(devtools: Page, timeoutMs = 20_000): Promise<DevToolsNetworkLog> {
    await devtools.evaluate(INSTALL);
    await devtools.waitForFunction(call('networkReady()'), { timeout: timeoutMs, polling: 50 });
    return new DevToolsNetworkLog(devtools);
  }

  /**
   * Waits until the log holds a finished request for `url`: proof that the front-end recorded
   * the page from its first request (it attaches to the tab some time after the browser starts).
   */
  async waitForRequest(url: string, timeoutMs = 10_000): Promise<void> {
    await this.devtools.waitForFunction(call(`hasFinished(${JSON.stringify(url)})`), { timeout: timeoutMs, polling: 50 });
  }

  /** Waits until every CDP request id has a finished request in the log; throws naming the missing ones. */
  async waitForRequestIds(ids: readonly string[], timeoutMs = 15_000): Promise<void> {
    const expression = call(`missing(${JSON.stringify(ids)}).length === 0`);
    try {
      await this.devtools.waitForFunction(expression, { timeout: timeoutMs, polling: 100 });
    } catch (error) {
      const missing = await this.devtools.evaluate(call(`missing(${JSON.stringify(ids)})`)).catch(() => '(front-end gone)');
      throw new Error(`DevTools' network log lacks finished requests ${JSON.stringify(missing)}`, { cause: error });
    }
  }

  /** The Network panel's "Export HAR": `sanitize` drops Cookie, Authorization and Set-Cookie (Chrome's default). */
  async exportHar(sanitize: boolean): Promise<DevToolsHarExport> {
    const { fileName, text } = (await this.devtools.evaluate(call(`exportHar(${sanitize})`))) as { fileName: string | null; text: string };
    return { fileName, text, har: JSON.parse(text) as Har };
  }
}
