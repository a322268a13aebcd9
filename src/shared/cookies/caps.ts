/**
 * The jar's caps: how many cookies one site may hold, and which ones a browser evicts when a
 * response sets more. Both browsers cap a site at 180 cookies and purge it to 150; they differ in
 * when they purge and what they spare (verified in Chromium 156 and Firefox ESR 153 with the
 * lab's `cookie-cap-*` lessons: src/shared/cookies/VERIFIED.md, "The jar's caps"). rfc6265bis
 * leaves the limits to the user agent
 * (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-limits) and asks
 * that non-secure cookies go before secure ones
 * (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-storage-model, step
 * "remove excess cookies").
 *
 * A site is the registrable domain of the cookie's domain (the host itself for `localhost` or an
 * IP), one count per partition (Chromium's domain key, Firefox's base domain plus origin
 * attributes).
 */
import type { CookiePolicy } from './context.ts';
import type { CookiePriority } from './set-cookie.ts';
import type { StoredCookie } from './store.ts';

/** A cookie in the jar with what eviction looks at. */
export interface JarEntry {
  readonly cookie: StoredCookie;
  /** When it was last set or sent, ms since the epoch. */
  lastAccess: number;
  /** Insertion order: the tie-break between equal access times (both browsers fall back to creation). */
  readonly seq: number;
}

/** What to do with a new cookie for a site that holds `group` (its cookies in one partition). */
export interface Admission {
  /** Evict these first. */
  readonly evict: readonly JarEntry[];
  /** Firefox: the new cookie is not stored at all. */
  readonly refused: boolean;
}

interface CapRules {
  /** Most cookies one site may hold in one partition. */
  readonly maxPerSite: number;
  /** What a purge leaves. */
  readonly keepAfterPurge: number;
  /**
   * A sent cookie's last access moves to the request's time only when the last one is older than
   * this (Chromium's `kDefaultAccessUpdateThresholdSeconds`, Firefox's
   * `network.cookie.staleThreshold`: both 60 s; from the sources, not verified in the lab).
   */
  readonly accessThresholdMs: number;
  /** Before a new cookie is stored: what to evict, or whether to refuse it. */
  readonly admit: (group: readonly JarEntry[], cookie: StoredCookie, now: number, rules: CapRules) => Admission;
  /** After a cookie was stored: what to evict. */
  readonly purge: (group: readonly JarEntry[], now: number, rules: CapRules) => readonly JarEntry[];
}

const expired = (e: JarEntry, now: number): boolean => e.cookie.expiresAt !== null && e.cookie.expiresAt <= now;
const leastRecent = (a: JarEntry, b: JarEntry): number => a.lastAccess - b.lastAccess || a.seq - b.seq;
const NOTHING: Admission = { evict: [], refused: false };

/**
 * Chromium (`CookieMonster::GarbageCollect`): after storing, a site over 180 loses its expired
 * cookies, then, still over, is purged to 150 in rounds, least recently used first within each:
 * low priority non-secure, low secure, medium non-secure, high non-secure, medium secure, high
 * secure. A round never takes a priority below its quota (30 low, 50 medium, 70 high), and a
 * non-secure round spares at least as many cookies as the priority has Secure ones.
 */
const CHROMIUM_ROUNDS: readonly { readonly priority: CookiePriority; readonly secureToo: boolean }[] = [
  { priority: 'Low', secureToo: false },
  { priority: 'Low', secureToo: true },
  { priority: 'Medium', secureToo: false },
  { priority: 'High', secureToo: false },
  { priority: 'Medium', secureToo: true },
  { priority: 'High', secureToo: true },
];
const CHROMIUM_QUOTA: Readonly<Record<CookiePriority, number>> = { Low: 30, Medium: 50, High: 70 };

function chromiumPurge(group: readonly JarEntry[], now: number, rules: CapRules): readonly JarEntry[] {
  if (group.length <= rules.maxPerSite) return [];
  const gone = new Set(group.filter((e) => expired(e, now)));
  let live = group.filter((e) => !gone.has(e)).sort(leastRecent);
  if (live.length <= rules.maxPerSite) return [...gone];
  let goal = live.length - rules.keepAfterPurge;
  for (const round of CHROMIUM_ROUNDS) {
    if (goal === 0) break;
    const quota = CHROMIUM_QUOTA[round.priority];
    const ofPriority = live.filter((e) => e.cookie.priority === round.priority);
    if (ofPriority.length <= quota) continue;
    const secure = ofPriority.filter((e) => e.cookie.secure).length;
    let room = ofPriority.length - (round.secureToo ? quota : Math.max(secure, quota));
    for (const e of ofPriority) {
      if (goal === 0 || room <= 0) break;
      if (!round.secureToo && e.cookie.secure) continue;
      gone.add(e);
      goal -= 1;
      room -= 1;
    }
    live = live.filter((e) => !gone.has(e));
  }
  return [...gone];
}

/**
 * Firefox (`CookieStorage::AddCookie`, `FindStaleCookies`): before storing a new cookie (not one
 * replacing a cookie of the same name, domain and path) in a site that holds 180 or more, it picks
 * `180 - 150 + excess` cookies, expired ones first, then least recently used non-secure ones; with
 * none to pick, a Secure new cookie may evict Secure ones, and a non-secure one is refused
 * (silently: no console message).
 */
function firefoxAdmit(group: readonly JarEntry[], cookie: StoredCookie, now: number, rules: CapRules): Admission {
  if (group.length < rules.maxPerSite) return NOTHING;
  const limit = rules.maxPerSite - rules.keepAfterPurge + (group.length - rules.maxPerSite + 1);
  const stale = (secureToo: boolean): JarEntry[] =>
    group
      .filter((e) => expired(e, now) || secureToo || !e.cookie.secure)
      .sort((a, b) => Number(expired(b, now)) - Number(expired(a, now)) || leastRecent(a, b))
      .slice(0, limit);
  const nonSecure = stale(false);
  if (nonSecure.length > 0) return { evict: nonSecure, refused: false };
  return cookie.secure ? { evict: stale(true), refused: false } : { evict: [], refused: true };
}

export const JAR_CAPS: Readonly<Record<CookiePolicy['browser'], CapRules>> = {
  chromium: { maxPerSite: 180, keepAfterPurge: 150, accessThresholdMs: 60_000, admit: () => NOTHING, purge: chromiumPurge },
  firefox: { maxPerSite: 180, keepAfterPurge: 150, accessThresholdMs: 60_000, admit: firefoxAdmit, purge: () => [] },
};
