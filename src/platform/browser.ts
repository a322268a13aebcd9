/**
 * The only door to browser extension APIs. Everything else imports from here, so the choice
 * between webextension-polyfill and raw `chrome.*` is a one-file change.
 *
 * Decision: webextension-polyfill. In Firefox it returns the native promise-based `browser`
 * untouched; in Chrome it wraps `chrome.*` (including `devtools.panels.create`, which in Chrome
 * is callback-only) so every caller sees one promise API. The one real difference it cannot hide
 * — Chrome needs `extraHeaders` to see preflights and Origin/Cookie headers, Firefox rejects that
 * option — is handled where listeners are registered, keyed by `TARGET`.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, WebRequest, Storage, Devtools, Tabs } from 'webextension-polyfill';

/** Which build this is (set by vite.config.ts). */
export const TARGET: 'chrome' | 'firefox' = __TARGET__;
