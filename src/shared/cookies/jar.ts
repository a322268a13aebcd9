/**
 * A cookie jar simulated across a recording (a HAR's exchanges, in order): each response's
 * `Set-Cookie` lines are decided and stored, each later request's cookies predicted from what
 * is stored, and compared with the `Cookie` header the recording holds. Cookies the browser had
 * before the recording started are unknown: when one shows up in a `Cookie` header it is reported
 * as sent, with `PredatesRecording`, and nothing is claimed about its attributes.
 *
 * Why not tough-cookie (6.1.0, the RFC 6265 jar for node): its decisions do not fit the
 * browsers'. It refuses a cookie by throwing an Error whose message is the only reason (one
 * reason, in English), where Chromium reports every reason that applies by name
 * (`SchemefulSameSiteLax` and `UserPreferences` together) and some refusals silently (Partitioned
 * without Secure, an expired line); it has no partitions (CHIPS, Firefox's Total Cookie
 * Protection) and no third-party blocking; its SameSite context is one flag for the whole
 * request, not the top-level site plus the frame chain; and it reads a line without "=" one way
 * (its loose mode: an empty name, as Chromium does), where Firefox reads it as an empty value. The
 * registrable domain is the one piece a library does well here: `tldts` (see site.ts).
 */
import { resolveContext, type CookiePolicy, type CookieRequestContext } from './context.ts';
import { JarStore } from './jar-store.ts';
import { parseCookieHeader } from './parse.ts';
import type { CookieBlockedReason, CookieVerdict, FirefoxCookieKey, SetCookieBlockedReason } from './reasons.ts';
import { decideSend, type FirefoxWithheldReason } from './send.ts';
import { decideStore, type StoredCookie } from './store.ts';

/** One exchange of a recording, as far as cookies go. */
export interface CookieExchange {
  readonly request: CookieRequestContext;
  /** The recorded `Cookie` request header: null when absent, undefined when the recording has no request headers. */
  readonly cookieHeader?: string | null;
  /** The response's `Set-Cookie` lines, in order. */
  readonly setCookieLines: readonly string[];
}

/**
 * `observed`: the recording shows it; `inferred`: the rules predict it from what the recording
 * shows; `browser-jar`: the browser's own cookie jar confirmed it (the extension's `cookies` API).
 */
export type CookieProvenance = 'observed' | 'inferred' | 'browser-jar';

export interface RequestCookieRow extends CookieVerdict<CookieBlockedReason, FirefoxWithheldReason> {
  readonly sent: boolean;
  readonly provenance: CookieProvenance;
  /** The response that set it, when the recording holds it. */
  readonly setBy: StoredCookie['setBy'] | null;
}

export interface ResponseCookieRow extends CookieVerdict<SetCookieBlockedReason, FirefoxCookieKey> {
  readonly stored: boolean;
  readonly provenance: CookieProvenance;
  /** The `Set-Cookie` line. */
  readonly line: string;
}

export interface ExchangeCookies {
  readonly request: readonly RequestCookieRow[];
  readonly response: readonly ResponseCookieRow[];
}

/** One shared empty list for the rows' empty reasons and notes (a capture holds many rows). */
const NONE: readonly never[] = [];

/** A jar for one browser and setting, held to the browser's caps (caps.ts). */
export class CookieJarSimulation {
  private readonly store: JarStore;

  constructor(private readonly policy: CookiePolicy) {
    this.store = new JarStore(policy.browser);
  }

  /** The cookies held now (expired ones included until evicted), oldest first. */
  all(): readonly StoredCookie[] {
    return this.store.all();
  }

  /** The cookies a request to `host` may consider (its site's; send.ts decides which apply). */
  candidates(host: string): readonly StoredCookie[] {
    return this.store.candidates(host);
  }

  /** Predicts the request's cookies, then applies the response's `Set-Cookie` lines. */
  exchange(x: CookieExchange): ExchangeCookies {
    const ctx = resolveContext(x.request, this.policy);
    if (!ctx) return { request: [], response: [] };
    const observed = x.cookieHeader === undefined ? null : parseCookieHeader(x.cookieHeader ?? '').map((c) => c.name);
    // how many cookies of each name went: with two cookies of one name (other paths), the ones
    // the rules send take the header's places first
    const left = new Map<string, number>();
    for (const name of observed ?? []) left.set(name, (left.get(name) ?? 0) + 1);
    const decisions = decideSend(this.store.candidates(ctx.host), ctx, this.policy);
    const order = observed === null ? [] : [...decisions.keys()].sort((a, b) => Number(decisions[b]?.sent) - Number(decisions[a]?.sent));
    const seenAt = new Map<number, boolean>();
    for (const i of order) {
      const name = decisions[i]?.cookie.name ?? '';
      const n = left.get(name) ?? 0;
      seenAt.set(i, n > 0);
      if (n > 0) left.set(name, n - 1);
    }
    const request: RequestCookieRow[] = decisions.map((d, i) => {
      // the recording is the truth for what went out; the reasons stay the rules' prediction
      const sent = observed === null ? d.sent : (seenAt.get(i) ?? false);
      return {
        name: d.cookie.name,
        sent,
        blockedReasons: sent ? NONE : d.blockedReasons,
        firefoxReasons: sent ? NONE : d.firefoxReasons,
        notes: NONE,
        provenance: observed === null ? 'inferred' : 'observed',
        setBy: d.cookie.setBy,
      };
    });
    decisions.forEach((d, i) => {
      if (request[i]?.sent === true) this.store.touch(d.cookie, ctx.source.at);
    });
    for (const [name, n] of left) {
      for (let k = 0; k < n; k++) request.push({ name, sent: true, blockedReasons: [], firefoxReasons: [], notes: ['PredatesRecording'], provenance: 'observed', setBy: null });
    }
    const response = x.setCookieLines.map((line): ResponseCookieRow => {
      const d = decideStore(line, ctx, this.policy);
      const admitted = d.cookie === null || this.store.put(d.cookie, d.stored, ctx.source.at);
      const notes = admitted ? d.notes : [...d.notes, 'SiteCookieLimit' as const];
      return { name: d.name, stored: d.stored && admitted, blockedReasons: d.blockedReasons, firefoxReasons: d.firefoxReasons, notes, provenance: 'inferred', line };
    });
    return { request, response };
  }
}

/** Runs a recording's exchanges, in order, through a fresh jar. */
export function simulateCookies(exchanges: readonly CookieExchange[], policy: CookiePolicy): ExchangeCookies[] {
  const jar = new CookieJarSimulation(policy);
  return exchanges.map((x) => jar.exchange(x));
}
