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
import { cookieSettingFromApi, type KnownCookieSetting } from '../shared/cookies/browser-setting.ts';
import type { PortLike } from '../shared/protocol/port.ts';
import type { PreferenceArea, SessionArea, WebRequestEvent, WebRequestEvents } from './apis.ts';

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

/**
 * One named alarm that wakes the worker (`alarms`; the worker may have been stopped meanwhile):
 * `set(when)` arms it for `when` (ms since the epoch), `set(null)` clears it.
 */
export function wakeAlarm(name: string): { set(when: number | null): void; onFire(listener: () => void): void } {
  return {
    set(when) {
      if (when === null) void browser.alarms.clear(name);
      else browser.alarms.create(name, { when });
    },
    onFire(listener) {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === name) listener();
      });
    },
  };
}

/** `storage.local`, where the panel remembers its preferences (per browser profile). */
export function preferenceArea(): PreferenceArea {
  const area = browser.storage.local;
  return {
    get: (key) => area.get(key),
    set: (items) => area.set(items),
  };
}

/** The URL of a tab's page (readable thanks to the `<all_urls>` host permission), undefined when unknown. */
export async function tabUrl(tabId: number): Promise<string | undefined> {
  const tab = await browser.tabs.get(tabId);
  return tab.url;
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

interface InspectedWindow {
  eval(expression: string): Promise<[unknown, unknown]>;
  reload(options?: object): void;
}

function inspectedWindow(): InspectedWindow | null {
  const devtools = (browser as { devtools?: { inspectedWindow?: InspectedWindow } }).devtools;
  return typeof devtools?.inspectedWindow?.eval === 'function' ? devtools.inspectedWindow : null;
}

/**
 * Evaluates `expression` in the inspected page (`devtools.inspectedWindow.eval`) and resolves with
 * its value, undefined when it threw; null outside DevTools (the pop-out has no inspected window).
 */
export function evalInInspectedPage(expression: string): Promise<unknown> | null {
  const target = inspectedWindow();
  if (target === null) return null;
  return target.eval(expression).then(([result, exception]) => (exception === undefined || exception === null ? result : undefined));
}

/** Reloads the inspected page (DevTools), or the tab (the pop-out). */
export function reloadInspectedPage(tabId: number): void {
  const target = inspectedWindow();
  if (target !== null) target.reload({});
  else void browser.tabs.reload(tabId);
}

/** Calls `listener` when the inspected page navigates (`devtools.network.onNavigated`); null outside DevTools. */
export function onInspectedPageNavigated(listener: () => void): (() => void) | null {
  const event = (browser as { devtools?: { network?: { onNavigated?: { addListener(l: () => void): void; removeListener(l: () => void): void } } } }).devtools?.network?.onNavigated;
  if (event === undefined) return null;
  event.addListener(listener);
  return () => event.removeListener(listener);
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

interface BrowserSettingLike {
  get(details: { incognito?: boolean }): Promise<unknown>;
  readonly onChange?: { addListener(listener: () => void): void };
}

/** The `privacy.websites` setting that says whether third-party cookies are blocked, in this browser. */
function cookieSettingApi(): BrowserSettingLike | undefined {
  const websites = (browser as { privacy?: { websites?: Partial<Record<'thirdPartyCookiesAllowed' | 'cookieConfig', BrowserSettingLike>> } }).privacy?.websites;
  return BROWSER === 'firefox' ? websites?.cookieConfig : websites?.thirdPartyCookiesAllowed;
}

/** Calls `listener` when the third-party-cookie setting changes (`BrowserSetting.onChange`); nothing where the API is missing. */
export function onCookieSettingChange(listener: () => void): void {
  cookieSettingApi()?.onChange?.addListener(() => listener());
}

/**
 * The third-party-cookie setting, where the browser's API tells it (the `privacy` permission):
 * Chromium `privacy.websites.thirdPartyCookiesAllowed`, Firefox `privacy.websites.cookieConfig`.
 * Null when the API is missing, fails, or answers a setting the cookie engine does not model.
 * Read-only: the extension never sets it.
 *
 * For the tab `tabId`: an incognito (private) tab's setting is Chromium's incognito one
 * (`get({ incognito: true })`), which Chrome answers only to an extension the user allowed in
 * incognito — and only such an extension sees incognito tabs at all. Firefox has one setting for
 * both (its `get` takes no `incognito`).
 */
export async function readCookieSetting(tabId?: number): Promise<KnownCookieSetting | null> {
  const setting = cookieSettingApi();
  if (setting === undefined) return null;
  try {
    const incognito = BROWSER === 'chromium' && tabId !== undefined && (await browser.tabs.get(tabId)).incognito;
    return cookieSettingFromApi(BROWSER, await setting.get(incognito ? { incognito } : {}));
  } catch {
    return null;
  }
}

interface CookiesApi {
  getAll(details: { url: string; partitionKey: Record<string, never> }): Promise<unknown>;
}

/**
 * The browser's cookies matching `url` (host, path, scheme), from every partition
 * (`cookies.getAll` with an empty `partitionKey`; the `cookies` permission), as the API answers
 * them (untrusted; src/shared/cookies/browser-jar.ts reads them). Read-only.
 */
export function readCookieJar(url: string): Promise<unknown> {
  const cookies = (browser as { cookies?: CookiesApi }).cookies;
  return cookies === undefined ? Promise.resolve([]) : cookies.getAll({ url, partitionKey: {} });
}
