/**
 * The shapes of the browser APIs the extension uses, as plain structural types. The door
 * (`browser.ts`) hands out objects of these shapes; the worker takes them as arguments, so it runs
 * in node tests with in-memory fakes. Types only: nothing here touches a browser global.
 */
import type { WebRequestEventName } from '../shared/capture/raw-event.ts';

/** `webRequest.RequestFilter`, as far as the observer sets it. */
export interface RequestFilter {
  urls: string[];
  types?: string[];
  tabId?: number;
}

/** The structural subset of one `webRequest.onX` event. */
export interface WebRequestEvent {
  addListener(callback: (details: unknown) => void, filter: RequestFilter, extraInfoSpec?: string[]): void;
  removeListener(callback: (details: unknown) => void): void;
}

/** The webRequest events the capture listens to. */
export type WebRequestEvents = Readonly<Record<WebRequestEventName, WebRequestEvent>>;

/** The structural subset of `storage.StorageArea` the persistence uses (`storage.session`). */
export interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** The structural subset of `storage.local` the panel keeps its preferences in (per browser profile). */
export interface PreferenceArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
