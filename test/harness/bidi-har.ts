/**
 * Firefox recorder: WebDriver BiDi `network.*` events (+ the lab's wire log) → a HAR shaped like
 * Firefox DevTools' "Save All As HAR" (built by bidi-to-har.ts, which lists how Firefox's export
 * looks), plus the oracle (Firefox's console reasons), kept apart.
 */
import type { WireEntry } from '../../lab/server.ts';
import { EVENTS, parseEvent, type BidiHop, type BidiNetworkEvent } from './bidi-events.ts';
import { firefoxHar } from './bidi-to-har.ts';
import type { BidiConnectionLike } from './firefox-console.ts';
import type { Har } from './har.ts';
import type { PlannedFetch } from './lab-runner.ts';
import { fetchOutcome, isNetworkLevelError, plannedRow, type FirefoxCorsMessage, type OracleFetch } from './oracle.ts';
import { Notifier, waitForCondition } from './wait.ts';

function isPreflight(h: BidiHop): boolean {
  return h.sent.request.method === 'OPTIONS' && h.sent.request.headers.some((x) => x.name.toLowerCase() === 'access-control-request-method');
}

interface MessageCandidate {
  readonly p: PlannedFetch;
  readonly first: BidiHop | undefined;
  readonly urls: readonly string[];
  readonly messages: FirefoxCorsMessage[];
}

/** How long after its page step settled Firefox was seen to log a blocked fetch's message (2–8 ms), with margin. */
const CONSOLE_LAG_MS = 25;

/**
 * The fetch a console message belongs to, among those whose URLs it names. Firefox logs a blocked
 * fetch's messages asynchronously, sometimes a few ms after the page saw the rejection and had
 * already started its next step on the same URL, so time alone misattributes them; order does
 * not: the earliest failed fetch that has no error message yet takes the next error message, as
 * long as that fetch settled less than CONSOLE_LAG_MS before it (the page's own clock, `startedAt`
 * ..`endedAt` of each step, is the console's clock; BiDi's request timestamps are not precise
 * enough against it). Otherwise, and for warnings, the latest fetch started by then takes it. A
 * fetch Firefox refused before any request existed (no BiDi event) still gets its message, by
 * URL, from the time its scenario started.
 */
function messageOwner<T extends MessageCandidate>(rows: readonly T[], m: FirefoxCorsMessage): T | undefined {
  const startOf = (r: T): number => r.p.page.startedAt ?? r.first?.sent.timestamp ?? r.p.scenarioStartedAt;
  const slack = (r: T): number => (r.p.page.startedAt === undefined ? 1 : 0);
  const candidates = rows.filter((r) => r.urls.includes(m.url) && startOf(r) <= m.timeStamp + slack(r)).sort((a, b) => startOf(a) - startOf(b));
  const isError = (x: FirefoxCorsMessage): boolean => (x.flags & 1) === 0;
  const waiting = isError(m)
    ? candidates.find((r) => !r.p.page.ok && !r.messages.some(isError) && m.timeStamp <= (r.p.page.endedAt ?? Infinity) + CONSOLE_LAG_MS)
    : undefined;
  return waiting ?? candidates[candidates.length - 1];
}

export class BidiNetworkRecorder {
  private readonly hops = new Map<string, BidiHop>();
  private seq = 0;
  readonly changes = new Notifier();
  /** CORS messages the last `oracle()` call could not tie to a lab fetch (should stay empty). */
  unattributed: FirefoxCorsMessage[] = [];
  private readonly handlers: [string, (p: unknown) => void][] = [];

  constructor(private readonly conn: BidiConnectionLike) {
    for (const method of EVENTS) {
      const handler = (p: unknown): void => {
        const ev = parseEvent(method, p);
        if (ev) this.onEvent(ev);
      };
      this.handlers.push([method, handler]);
      conn.on(method, handler);
    }
  }

  detach(): void {
    for (const [m, h] of this.handlers) this.conn.off(m, h);
  }

  private onEvent(ev: BidiNetworkEvent): void {
    const key = `${ev.request.request}#${ev.redirectCount}`;
    let hop = this.hops.get(key);
    if (!hop) {
      hop = { id: ev.request.request, redirectCount: ev.redirectCount, seq: this.seq++, sent: ev };
      this.hops.set(key, hop);
    }
    if (ev.method === 'network.responseStarted') hop.started = ev;
    else if (ev.method === 'network.responseCompleted') hop.completed = ev;
    else if (ev.method === 'network.fetchError') hop.failed = ev;
    this.changes.notify();
  }

  /** Hops in the order Firefox started them. */
  all(): BidiHop[] {
    return [...this.hops.values()].sort((a, b) => a.seq - b.seq);
  }

  private static settled(h: BidiHop): boolean {
    return h.completed !== undefined || h.failed !== undefined || BidiNetworkRecorder.redirected(h);
  }

  private static redirected(h: BidiHop): boolean {
    const status = h.started?.response?.status ?? 0;
    return status >= 300 && status < 400 && h.started !== undefined;
  }

  private firstHopsOf(url: string): BidiHop[] {
    return this.all().filter((h) => h.redirectCount === 0 && h.sent.request.url === url && !isPreflight(h));
  }

  /** The hops of one fetch: the first hop's request id, every redirectCount. */
  chainOf(first: BidiHop): BidiHop[] {
    return this.all()
      .filter((h) => h.id === first.id)
      .sort((a, b) => a.redirectCount - b.redirectCount);
  }

  /**
   * Waits until BiDi has told everything about `planned`: a short grace for first requests not
   * reported yet (Firefox refuses some fetches before a request exists — `mode: "same-origin"`
   * to another origin, no-cors with a non-follow redirect mode: those stay unobserved), then until
   * every hop completed, failed or was redirected. Never throws: what did not settle shows up as
   * such in the HAR and the oracle.
   */
  async waitSettled(planned: readonly PlannedFetch[], timeoutMs = 10_000): Promise<void> {
    const allSeen = (): boolean => planned.every((p) => this.firstHopsOf(p.url).length > p.occurrence);
    await waitForCondition(allSeen, this.changes.subscribe, 1000, () => 'no request yet').catch(() => undefined);
    const allSettled = (): boolean => this.all().every((h) => BidiNetworkRecorder.settled(h));
    await waitForCondition(allSettled, this.changes.subscribe, timeoutMs, () => 'BiDi requests not settled').catch(() => undefined);
  }

  /**
   * Pairs hops with the lab's wire entries (same method and URL, in order), ignoring entries
   * logged before `sinceMs` (an earlier browser's visit to the same page URLs).
   */
  attachWire(wire: readonly WireEntry[], sinceMs = 0): void {
    const used = new Set<number>();
    const recent = wire.filter((e) => e.time >= sinceMs);
    for (const h of this.all()) {
      const url = h.sent.request.url;
      const method = h.sent.request.method;
      const w = recent.find((e) => !used.has(e.seq) && e.method === method && e.url === url);
      if (w && (h.started || h.completed)) {
        used.add(w.seq);
        h.wire = w;
      }
    }
  }

  /**
   * The oracle: for each planned fetch, Firefox's console reason. A CORS message names the URL
   * that failed (a redirect hop's, or the request's); it belongs to the fetch whose chain holds
   * that URL and that was the last of those to start before the message was logged.
   */
  oracle(planned: readonly PlannedFetch[], messages: readonly FirefoxCorsMessage[], pageOrigin: string): OracleFetch[] {
    const rows = planned.map((p) => {
      const first = this.firstHopsOf(p.url)[p.occurrence];
      const chain = first ? this.chainOf(first) : [];
      const requested = chain.length ? chain.map((h) => h.sent.request.url) : [p.url];
      // A message may name a redirect target Firefox refused to request (ftp:, data:…).
      const targets = chain.flatMap((h) => {
        const location = (h.completed ?? h.started)?.response?.headers.find((x) => x.name.toLowerCase() === 'location')?.value;
        if (!location) return [];
        try {
          return [new URL(location, h.sent.request.url).href];
        } catch {
          return [location];
        }
      });
      return { p, first, chain, urls: [...requested, ...targets], messages: [] as FirefoxCorsMessage[] };
    });
    this.unattributed = [];
    /** URL → the fetch that got the last specific (not CORSDidNotSucceed) error message naming it. */
    const awaitingGeneric = new Map<string, (typeof rows)[number]>();
    for (const m of [...messages].sort((a, b) => a.timeStamp - b.timeStamp)) {
      // Firefox logs a blocked fetch's specific reason, then CORSDidNotSucceed for the same URL
      // when the request itself fails; the second may come after the page started the next step
      // (seen with a step repeating the URL): it belongs with the first.
      const paired = m.reason === 'CORSDidNotSucceed' && (m.flags & 1) === 0 ? awaitingGeneric.get(m.url) : undefined;
      if (paired !== undefined) {
        paired.messages.push(m);
        awaitingGeneric.delete(m.url);
        continue;
      }
      const owner = messageOwner(rows, m);
      if (owner) owner.messages.push(m);
      else this.unattributed.push(m);
      if (owner && (m.flags & 1) === 0 && m.reason !== 'CORSDidNotSucceed') awaitingGeneric.set(m.url, owner);
      else awaitingGeneric.delete(m.url);
    }
    return rows.map(({ p, first, chain, messages: own }) => {
      const urls = chain.length ? chain.map((h) => h.sent.request.url) : [p.url];
      const reason = own.find((m) => (m.flags & 1) === 0) ?? null;
      const errorText = chain.map((h) => h.failed?.errorText).find((e) => e !== undefined && e !== null) ?? null;
      // The request went out and the network failed it (NS_ERROR_NET_RESET…; a failed preflight
      // fails its request with NS_ERROR_DOM_BAD_URI): Firefox still logs CORSDidNotSucceed, its
      // message for any failure of a CORS request, but no CORS check decided it.
      const last = chain[chain.length - 1];
      const belowCors =
        last !== undefined && last.started === undefined && isNetworkLevelError(errorText) && (reason === null || reason.reason === 'CORSDidNotSucceed');
      return {
        ...plannedRow(p, urls, first?.id, errorText),
        firefox: reason,
        firefoxMessages: own,
        outcome: fetchOutcome(reason !== null && !belowCors, belowCors, p.page.ok, p.mode, urls, pageOrigin),
      };
    });
  }

  /** The HAR Firefox DevTools would save for everything recorded so far. */
  har(opts: { version: string; pageUrl: string }): Har {
    return firefoxHar(this.all(), opts);
  }
}
