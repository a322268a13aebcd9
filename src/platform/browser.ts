/**
 * The only door to browser extension APIs. Everything else imports from here, so the choice
 * between webextension-polyfill and raw `chrome.*` is a one-file change.
 *
 * Decision: webextension-polyfill. In Firefox it returns the native promise-based `browser`
 * untouched; in Chrome it wraps `chrome.*` (including `devtools.panels.create`, which in Chrome
 * is callback-only) so every caller sees one promise API. The one real difference it cannot hide
 * — Chrome needs `extraHeaders` to see preflights and Origin/Cookie headers, Firefox rejects that
 * option — is handled where listeners are registered, keyed by `BROWSER`.
 *
 * webRequest events are taken from the native object (`chrome.webRequest` / `browser.webRequest`)
 * rather than through the polyfill's proxy: they are on the hot path and need no promise
 * wrapping, and their `extraInfoSpec` accepts `extraHeaders`, which the polyfill's types omit.
 */
import browser from 'webextension-polyfill';
import type { BrowserName } from '../shared/model/exchange.ts';
import type { PortLike } from '../shared/protocol/port.ts';
import type { SessionArea, WebRequestEvent, WebRequestEvents } from './apis.ts';

export { browser };
export type { Runtime, WebRequest, Storage, Devtools, Tabs } from 'webextension-polyfill';

/**
 * Which browser this build runs in, named as everywhere else (`BrowserName`). The build target
 * (`vite --mode chrome|firefox`, set in vite.config.ts) names the store product; this is the one
 * place that maps it.
 */
export const BROWSER: BrowserName = __TARGET__ === 'firefox' ? 'firefox' : 'chromium';

interface NativeWebRequest {
  readonly onBeforeRequest: WebRequestEvent;
  readonly onSendHeaders: WebRequestEvent;
  readonly onHeadersReceived: WebRequestEvent;
  readonly onCompleted: WebRequestEvent;
  readonly onErrorOccurred: WebRequestEvent;
}

/** The native webRequest events the observer listens to. */
export function webRequestEvents(): WebRequestEvents {
  const g = globalThis as unknown as { chrome?: { webRequest?: NativeWebRequest }; browser?: { webRequest?: NativeWebRequest } };
  const native = (BROWSER === 'firefox' ? g.browser?.webRequest : g.chrome?.webRequest) ?? g.chrome?.webRequest ?? g.browser?.webRequest;
  if (native === undefined) throw new Error('webRequest is unavailable: is the "webRequest" permission granted?');
  return {
    onBeforeRequest: native.onBeforeRequest,
    onSendHeaders: native.onSendHeaders,
    onHeadersReceived: native.onHeadersReceived,
    onCompleted: native.onCompleted,
    onErrorOccurred: native.onErrorOccurred,
  };
}

/** `storage.session`, as the persistence layer uses it. */
export function sessionArea(): SessionArea {
  const area = browser.storage.session;
  return {
    get: (keys) => area.get(keys),
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
  };
}

/** Our own extension pages' origin (`chrome-extension://<id>` / `moz-extension://<uuid>`). */
export function extensionOrigin(): string {
  return browser.runtime.getURL('').replace(/\/$/, '');
}

/** Opens a runtime port to the worker. */
export function connectPort(name: string): PortLike {
  return browser.runtime.connect({ name });
}

/** The tab the DevTools window inspects, or null outside a DevTools context. */
export function inspectedTabId(): number | null {
  const devtools = (browser as { devtools?: { inspectedWindow?: { tabId?: unknown } } }).devtools;
  const tabId = devtools?.inspectedWindow?.tabId;
  return typeof tabId === 'number' ? tabId : null;
}

interface DevtoolsPanelsTheme {
  readonly themeName?: unknown;
  /** Firefox. */
  readonly onThemeChanged?: { addListener(listener: (themeName: string) => void): void };
  /** Chrome. */
  readonly setThemeChangeHandler?: (listener: (themeName: string) => void) => void;
}

/**
 * DevTools' colour theme (`devtools.panels.themeName`: Chrome `default`/`dark`, Firefox
 * `light`/`dark`), calling `onChange` when the user switches it. Null outside DevTools (pop-out).
 */
export function devtoolsTheme(onChange?: (theme: 'light' | 'dark') => void): 'light' | 'dark' | null {
  const panels = (browser as { devtools?: { panels?: DevtoolsPanelsTheme } }).devtools?.panels;
  if (panels === undefined || typeof panels.themeName !== 'string') return null;
  if (onChange) {
    const listener = (name: string): void => onChange(name === 'dark' ? 'dark' : 'light');
    if (typeof panels.setThemeChangeHandler === 'function') panels.setThemeChangeHandler(listener);
    else panels.onThemeChanged?.addListener(listener);
  }
  return panels.themeName === 'dark' ? 'dark' : 'light';
}
