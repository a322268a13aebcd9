/**
 * The simulated jar's storage: cookies grouped by site, so a request looks only at its own site's
 * cookies (at most the caps of caps.ts per partition) and never at the whole jar, and each site
 * held to the browser's caps.
 */
import { JAR_CAPS, type JarEntry } from './caps.ts';
import { samePartition, type CookiePolicy } from './context.ts';
import { registrableDomain } from './site.ts';
import type { StoredCookie } from './store.ts';

const sameSlot = (a: StoredCookie, b: StoredCookie): boolean =>
  a.name === b.name && a.domain === b.domain && a.hostOnly === b.hostOnly && a.path === b.path && samePartition(a.partitionKey, b.partitionKey);

export class JarStore {
  /** By site key (the registrable domain of the cookie's domain, or the domain itself), in insertion order. */
  private readonly sites = new Map<string, JarEntry[]>();
  /** Every cookie's entry, in insertion order. */
  private readonly entries = new Map<StoredCookie, JarEntry>();
  private readonly siteKeys = new Map<string, string>();
  private readonly hostKeys = new Map<string, readonly string[]>();
  private seq = 0;
  private readonly caps: (typeof JAR_CAPS)[CookiePolicy['browser']];

  constructor(browser: CookiePolicy['browser']) {
    this.caps = JAR_CAPS[browser];
  }

  /** Every cookie held (expired ones included until evicted), oldest first. */
  all(): StoredCookie[] {
    return [...this.entries.keys()];
  }

  /**
   * The cookies whose domain may match `host`: those of the sites of the host and of each of its
   * parent domains (a cookie's domain is the host or a parent of it). The caller still checks
   * domain-match and partitions (send.ts).
   */
  candidates(host: string): StoredCookie[] {
    return this.keysOfHost(host).flatMap((key) => (this.sites.get(key) ?? []).map((e) => e.cookie));
  }

  /**
   * Puts the outcome of a `Set-Cookie` line: `cookie` replaces the cookie of its slot (name,
   * domain, path, partition), or only deletes it when `store` is false. Returns false when the
   * browser's caps refuse a new cookie.
   */
  put(cookie: StoredCookie, store: boolean, now: number): boolean {
    const key = this.siteKey(cookie.domain);
    const site = this.sites.get(key) ?? [];
    const old = site.find((e) => sameSlot(e.cookie, cookie));
    if (old !== undefined) this.remove(key, [old]);
    if (!store) return true;
    const group = (): JarEntry[] => (this.sites.get(key) ?? []).filter((e) => samePartition(e.cookie.partitionKey, cookie.partitionKey));
    if (old === undefined) {
      const admission = this.caps.admit(group(), cookie, now, this.caps);
      if (admission.refused) return false;
      this.remove(key, admission.evict);
    }
    const entry: JarEntry = { cookie, lastAccess: now, seq: this.seq++ };
    const list = this.sites.get(key);
    if (list === undefined) this.sites.set(key, [entry]);
    else list.push(entry);
    this.entries.set(cookie, entry);
    this.remove(key, this.caps.purge(group(), now, this.caps));
    return true;
  }

  /** A cookie went out with a request at `now`: its last access moves (at most once per threshold). */
  touch(cookie: StoredCookie, now: number): void {
    const entry = this.entries.get(cookie);
    if (entry !== undefined && now - entry.lastAccess >= this.caps.accessThresholdMs) entry.lastAccess = now;
  }

  private remove(key: string, gone: readonly JarEntry[]): void {
    if (gone.length === 0) return;
    const set = new Set(gone);
    this.sites.set(key, (this.sites.get(key) ?? []).filter((e) => !set.has(e)));
    for (const e of gone) this.entries.delete(e.cookie);
  }

  private siteKey(domain: string): string {
    let key = this.siteKeys.get(domain);
    if (key === undefined) {
      key = registrableDomain(domain) ?? domain;
      this.siteKeys.set(domain, key);
    }
    return key;
  }

  private keysOfHost(host: string): readonly string[] {
    let keys = this.hostKeys.get(host);
    if (keys === undefined) {
      const labels = host.split('.');
      keys = [...new Set(labels.map((_, i) => this.siteKey(labels.slice(i).join('.'))))];
      this.hostKeys.set(host, keys);
    }
    return keys;
  }
}
