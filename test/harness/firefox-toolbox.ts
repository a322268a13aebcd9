/**
 * Firefox's real DevTools toolbox, driven from the browser's chrome scope over WebDriver BiDi.
 *
 * launchFirefox starts Firefox with `--remote-allow-system-access`, so `script.evaluate` may run in
 * the privileged browser window (`chrome://browser/content/browser.xhtml`, found with
 * `moz:scope: "chrome"`). There, DevTools' own loader gives `gDevTools`, which opens the toolbox
 * for a tab (`showToolboxForTab`) exactly as the F12 key does: the toolbox loads our devtools page,
 * which registers the "CORS" panel as an additional tool (`webext-devtools-panel-…`).
 *
 * The panel is not reachable by BiDi itself: Firefox's ext-devtools-panels.js hosts it in
 * `chrome://browser/content/webext-panels.xhtml`, an iframe of the toolbox, as a remote
 * `<browser id="webext-panels-browser">` loaded in the extension process, and BiDi only addresses
 * tabs and their frames. So the harness loads a frame script into that browser's message manager
 * (as webext-panels.js itself does) and talks to it with messages: it evaluates expressions in a
 * sandbox over the panel's window (the panel's principal, DOM through Xrays) and clicks with
 * `Window.synthesizeMouseEvent`, trusted input that carries user activation.
 *
 * Screenshots: BiDi's `captureScreenshot` refuses chrome contexts, so the browser window's
 * `WindowGlobalParent.drawSnapshot` paints it (the remote panel included) into a canvas.
 */
import { writeFileSync } from 'node:fs';
import type { FirefoxSession } from './browsers.ts';
import { bidiConnection, browserWindowContext, stringResult, type BidiConnectionLike } from './firefox-console.ts';

/** The message names between the chrome scope and the frame script in the panel's browser. */
const TO_PANEL = 'cors-inspector-test:panel';
const FROM_PANEL = 'cors-inspector-test:panel-reply';

/**
 * `settle(win)`: flushes the document's style and layout, then waits (up to 2 s) for the paint
 * that follows, as reftests do (`isMozAfterPaintPending` / `MozAfterPaint`). A window snapshot
 * taken before that can show the document as it was before its last change.
 */
const SETTLE = `
async function settle(win) {
  win.getComputedStyle(win.document.documentElement).color;
  win.document.documentElement.getBoundingClientRect();
  const until = Date.now() + 2000;
  while (win.windowUtils.isMozAfterPaintPending && Date.now() < until) {
    await new Promise((resolve) => {
      const timer = win.setTimeout(resolve, 100);
      win.addEventListener("MozAfterPaint", () => { win.clearTimeout(timer); resolve(); }, { once: true });
    });
  }
}
`;

/**
 * The frame script: runs in the extension process, in the panel `<browser>`'s message-manager
 * global, where `content` is the panel's window. Each request is answered once, by its id.
 */
const PANEL_DRIVER = `
addMessageListener(${JSON.stringify(TO_PANEL)}, async ({ data }) => {
  let reply;
  try {
    reply = { id: data.id, value: await run(data) };
  } catch (e) {
    reply = { id: data.id, error: String(e) };
  }
  sendAsyncMessage(${JSON.stringify(FROM_PANEL)}, reply);
});
${SETTLE}
async function run(data) {
  switch (data.op) {
    case "evaluate": {
      // The panel's own principal; the source stringifies its result, so only a string crosses.
      const sandbox = Cu.Sandbox(content, { sandboxPrototype: content, wantXrays: true, sandboxName: "cors-inspector-test" });
      return String(await Cu.evalInSandbox(data.source, sandbox));
    }
    case "click": {
      const el = [...content.document.querySelectorAll(data.selector)].find((e) => e.textContent.includes(data.withText));
      if (!el) throw new Error("no element matches " + data.selector + " with text " + JSON.stringify(data.withText));
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const top = content.document.elementFromPoint(x, y);
      if (!top || !(top === el || el.contains(top))) throw new Error(data.selector + " is covered at its centre by " + (top ? top.outerHTML.slice(0, 120) : "nothing"));
      // Window.synthesizeMouseEvent (chrome-only; what EventUtils.synthesizeMouse calls).
      // A right click opens the context menu on mousedown, as on Linux.
      const pressed = data.button === 2 ? 2 : 1;
      const types = data.button === 2 ? ["mousedown", "contextmenu", "mouseup"] : ["mousedown", "mouseup"];
      for (const type of types) {
        content.synthesizeMouseEvent(type, x, y, { button: data.button, buttons: type === "mouseup" ? 0 : pressed, clickCount: 1 }, { isDOMEventSynthesized: true });
      }
      return "null";
    }
    case "settle":
      await settle(content);
      return "null";
    default:
      throw new Error("unknown op " + data.op);
  }
}
`;

/**
 * Chrome-scope prelude shared by every script below: `gDevTools`, and `toolboxFor(prefix)`, the
 * toolbox of the tab whose URL starts with `prefix`.
 */
const PRELUDE = `
${SETTLE}
const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
const { gDevTools } = require("devtools/client/framework/devtools");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tabFor = (prefix) => {
  const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec.startsWith(prefix));
  if (!tab) throw new Error("no tab shows " + prefix);
  return tab;
};
const toolboxFor = (prefix) => {
  const toolbox = gDevTools.getToolboxForTab(tabFor(prefix));
  if (!toolbox) throw new Error("no toolbox is open for " + prefix);
  return toolbox;
};
const panelBrowser = (toolbox, toolId) => {
  const iframe = toolbox.doc.getElementById("toolbox-panel-iframe-" + toolId);
  return iframe?.contentDocument?.getElementById("webext-panels-browser") ?? null;
};
`;

/** A JS string literal for `value`. */
const lit = (value: unknown): string => JSON.stringify(value);

export type DevToolsTheme = 'light' | 'dark';

/** An extension panel inside the toolbox, reached through the frame script in its `<browser>`. */
export class ToolboxPanel {
  constructor(
    private readonly toolbox: FirefoxToolbox,
    /** The toolbox's id for the panel (`webext-devtools-panel-…`). */
    readonly toolId: string,
  ) {}

  private async request(message: Record<string, unknown>): Promise<string> {
    return this.toolbox.chrome(`
      const browser = panelBrowser(toolboxFor(${lit(this.toolbox.pagePrefix)}), ${lit(this.toolId)});
      if (!browser || !browser.currentURI.spec.startsWith("moz-extension:")) throw new Error("the panel's browser has not loaded its page");
      const mm = browser.messageManager;
      // One frame script per frame loader (a new loader is a new process-side global).
      const driven = (window.__corsInspectorTestDriven ??= new WeakSet());
      if (!driven.has(browser.frameLoader)) {
        mm.loadFrameScript("data:," + encodeURIComponent(${lit(PANEL_DRIVER)}), false);
        driven.add(browser.frameLoader);
      }
      const id = Math.random().toString(36).slice(2);
      return await new Promise((resolve, reject) => {
        const listener = {
          receiveMessage({ data }) {
            if (data.id !== id) return;
            mm.removeMessageListener(${lit(FROM_PANEL)}, listener);
            clearTimeout(timer);
            if (data.error !== undefined) reject(new Error(data.error));
            else resolve(data.value);
          },
        };
        const timer = setTimeout(() => {
          mm.removeMessageListener(${lit(FROM_PANEL)}, listener);
          reject(new Error("the panel's frame script did not answer"));
        }, 10000);
        mm.addMessageListener(${lit(FROM_PANEL)}, listener);
        mm.sendAsyncMessage(${lit(TO_PANEL)}, { ...${lit(message)}, id });
      });
    `);
  }

  /** Evaluates `expression` (may be a promise) in the panel's window; its JSON-parsed value. */
  async evaluate(expression: string): Promise<unknown> {
    const source = `Promise.resolve(${expression}).then((v) => JSON.stringify(v === undefined ? null : v))`;
    const json = await this.request({ op: 'evaluate', source });
    const value: unknown = JSON.parse(json);
    return value;
  }

  /** Polls `expression` in the panel until it is truthy; its value, or an error naming it after `timeoutMs`. */
  async waitFor(expression: string, timeoutMs = 15_000): Promise<unknown> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate(expression);
      if (value) return value;
      if (Date.now() > until) throw new Error(`the panel never satisfied ${expression} (last value ${JSON.stringify(value)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for `selector`, then returns its text content. */
  async text(selector: string, timeoutMs?: number): Promise<string> {
    const value = await this.waitFor(`document.querySelector(${lit(selector)})?.textContent ?? null`, timeoutMs);
    return String(value);
  }

  /** Flushes the panel's style and layout and waits for its next paint (see SETTLE). */
  async settle(): Promise<void> {
    await this.request({ op: 'settle' });
  }

  /**
   * Waits for an element matching `selector` whose text includes `withText`, then clicks its
   * centre with trusted mouse input (`button` 2: a right click, with its `contextmenu`).
   */
  async click(selector: string, opts: { withText?: string; button?: 0 | 2 } = {}): Promise<void> {
    const withText = opts.withText ?? '';
    await this.waitFor(`[...document.querySelectorAll(${lit(selector)})].some((e) => e.textContent.includes(${lit(withText)}))`);
    await this.request({ op: 'click', selector, withText, button: opts.button ?? 0 });
  }
}

/** The toolbox of one tab (the tab whose URL starts with `pagePrefix`). */
export class FirefoxToolbox {
  private constructor(
    private readonly conn: BidiConnectionLike,
    private readonly context: string,
    readonly pagePrefix: string,
  ) {}

  /** Runs `body` (an async function body, with the prelude's helpers) in the browser window; its return value as a string. */
  async chrome(body: string): Promise<string> {
    const expression = `(async () => { ${PRELUDE}\n const value = await (async () => { ${body} })(); return value === undefined ? "" : String(value); })()`;
    const response = await this.conn.send('script.evaluate', {
      expression,
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    return stringResult(response);
  }

  /** Opens the toolbox (docked at the bottom) for the tab showing `pagePrefix`, as F12 does. */
  static async open(firefox: FirefoxSession, pagePrefix: string): Promise<FirefoxToolbox> {
    const conn = bidiConnection(firefox.browser);
    const toolbox = new FirefoxToolbox(conn, await browserWindowContext(conn), pagePrefix);
    await toolbox.chrome(`
      const tab = tabFor(${lit(pagePrefix)});
      gBrowser.selectedTab = tab;
      await gDevTools.showToolboxForTab(tab, { toolId: "webconsole", hostType: "bottom" });
    `);
    return toolbox;
  }

  /**
   * The toolbox's id for the extension panel labelled `label`, once the devtools page has
   * registered it (`devtools.panels.create`), without showing it.
   */
  async waitForPanel(label: string, timeoutMs = 20_000): Promise<string> {
    return this.chrome(`
      const toolbox = toolboxFor(${lit(this.pagePrefix)});
      for (const until = Date.now() + ${timeoutMs}; Date.now() < until; await sleep(50)) {
        const tool = toolbox.getAdditionalTools().find((t) => t.id.startsWith("webext-devtools-panel-") && t.label === ${lit(label)});
        if (tool) return tool.id;
      }
      throw new Error("the devtools page registered no " + ${lit(label)} + " panel; tools: " + JSON.stringify(toolbox.getAdditionalTools().map((t) => [t.id, t.label])));
    `);
  }

  /**
   * Selects the extension panel labelled `label` (as a click on its tab does) and waits until the
   * panel's page has loaded.
   */
  async selectPanel(label: string, timeoutMs = 20_000): Promise<ToolboxPanel> {
    const toolId = await this.waitForPanel(label, timeoutMs);
    await this.chrome(`
      const toolbox = toolboxFor(${lit(this.pagePrefix)});
      await toolbox.selectTool(${lit(toolId)}, "tab_switch");
      for (const until = Date.now() + ${timeoutMs}; Date.now() < until; await sleep(50)) {
        const browser = panelBrowser(toolbox, ${lit(toolId)});
        if (browser?.currentURI.spec.startsWith("moz-extension:") && !browser.webProgress?.isLoadingDocument) return;
      }
      throw new Error("the " + ${lit(label)} + " panel's page did not load");
    `);
    const panel = new ToolboxPanel(this, toolId);
    await panel.waitFor('document.readyState === "complete"');
    return panel;
  }

  /** Sets DevTools' theme (the `devtools.theme` pref, as the toolbox options do). */
  async setTheme(theme: DevToolsTheme): Promise<void> {
    await this.chrome(`Services.prefs.setCharPref("devtools.theme", ${lit(theme)});`);
  }

  /** The theme the toolbox's own document shows (its `theme-light`/`theme-dark` class). */
  async shownTheme(): Promise<string> {
    return this.chrome(`
      const root = toolboxFor(${lit(this.pagePrefix)}).doc.documentElement;
      return [...root.classList].find((c) => c.startsWith("theme-"))?.slice("theme-".length) ?? "";
    `);
  }

  /** Resizes the browser window and the toolbox's height (CSS pixels). */
  async resize(size: { width: number; height: number; toolboxHeight: number }): Promise<void> {
    await this.chrome(`
      window.resizeTo(${size.width}, ${size.height});
      for (let i = 0; i < 100 && (window.outerWidth !== ${size.width} || window.outerHeight !== ${size.height}); i++) await sleep(20);
      const frame = toolboxFor(${lit(this.pagePrefix)}).win.browsingContext.embedderElement;
      frame.style.height = ${lit(`${size.toolboxHeight}px`)};
      for (let i = 0; i < 100 && Math.round(frame.getBoundingClientRect().height) !== ${size.toolboxHeight}; i++) await sleep(20);
    `);
  }

  /** The text on the system clipboard (Firefox's own clipboard service; headless keeps one in memory). */
  async clipboardText(): Promise<string> {
    return this.chrome(`
      const transferable = Cc["@mozilla.org/widget/transferable;1"].createInstance(Ci.nsITransferable);
      transferable.init(null);
      transferable.addDataFlavor("text/plain");
      Services.clipboard.getData(transferable, Ci.nsIClipboard.kGlobalClipboard, window.browsingContext.currentWindowContext);
      const data = {};
      try { transferable.getTransferData("text/plain", data); } catch { return ""; }
      return data.value.QueryInterface(Ci.nsISupportsString).data;
    `);
  }

  /** Puts `text` on the clipboard (to tell a later copy from what was there). */
  async setClipboardText(text: string): Promise<void> {
    await this.chrome(`Cc["@mozilla.org/widget/clipboardhelper;1"].getService(Ci.nsIClipboardHelper).copyString(${lit(text)});`);
  }

  /**
   * Writes a PNG of the browser window, the toolbox and the remote panel included, painted by
   * `drawSnapshot`. A document painted before its pending restyle shows its previous state (seen
   * with the theme switch), so the toolbox and each panel in `settle` are flushed and painted
   * first, and snapshots repeat until two in a row agree.
   */
  async screenshot(file: string, settle: readonly ToolboxPanel[] = []): Promise<void> {
    for (const panel of settle) await panel.settle();
    const dataUrl = await this.chrome(`
      await settle(toolboxFor(${lit(this.pagePrefix)}).win);
      await settle(window);
      const rect = new DOMRect(0, 0, window.innerWidth, window.innerHeight);
      const snapshot = async () => {
        const bitmap = await window.browsingContext.currentWindowGlobal.drawSnapshot(rect, window.devicePixelRatio, "white");
        const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        canvas.getContext("2d").drawImage(bitmap, 0, 0);
        bitmap.close();
        return canvas.toDataURL("image/png");
      };
      let previous = await snapshot();
      for (let i = 0; i < 10; i++) {
        await sleep(100);
        const next = await snapshot();
        if (next === previous) return next;
        previous = next;
      }
      throw new Error("the window never painted the same picture twice in a row");
    `);
    const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
    writeFileSync(file, Buffer.from(base64, 'base64'));
  }
}
