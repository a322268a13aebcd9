/**
 * Chromium recorder: CDP `Network.*` events of one page → a HAR shaped like Chrome DevTools'
 * "Export HAR" (built by cdp-to-har.ts, which lists how DevTools builds its entries), plus the
 * oracle (CDP `corsErrorStatus` per fetch), kept apart so the HAR never carries the answer.
 */
import type { CDPSession } from 'playwright-core';
import type { CdpRecord, CorsIssue, DataReceived, LoadingFailed, LoadingFinished, RequestExtraInfo, RequestWillBeSent, ResponseExtraInfo, ResponseReceived } from './cdp-events.ts';
import { devToolsHar, type ChromiumHarOptions } from './cdp-to-har.ts';
import type { Har } from './har.ts';
import { fetchOutcome, isNetworkLevelError, plannedRow, type OracleFetch } from './oracle.ts';
import type { PlannedFetch } from './lab-runner.ts';
import { Notifier, waitForCondition } from './wait.ts';

/** How long the end of a request (and its raw heads, `*ExtraInfo`) may trail its response. */
const SETTLE_GRACE_MS = 1_000;

/** Collects a page's CDP Network events and turns them into a DevTools-shaped HAR and an oracle. */
export class CdpNetworkRecorder {
  private readonly records = new Map<string, CdpRecord>();
  private readonly corsIssues: CorsIssue[] = [];
  private seq = 0;
  readonly changes = new Notifier();

  private constructor(private readonly cdp: CDPSession) {}

  /**
   * Attaches to `cdp` (a page session) and enables the Network domain, and the Audits domain for
   * the CORS issues of fetches Chromium refuses before creating a request (`DisallowedByMode`,
   * `NoCorsRedirectModeNotFollow`): those never reach the Network domain, so never a HAR either.
   */
  static async attach(cdp: CDPSession): Promise<CdpNetworkRecorder> {
    const rec = new CdpNetworkRecorder(cdp);
    rec.listen();
    await cdp.send('Network.enable', { maxPostDataSize: 65536 });
    await cdp.send('Audits.enable');
    return rec;
  }

  private record(requestId: string): CdpRecord {
    let r = this.records.get(requestId);
    if (!r) {
      r = { requestId, seq: this.seq++, hops: [], requestExtra: [], responseExtra: [], dataLength: 0 };
      this.records.set(requestId, r);
    }
    return r;
  }

  private listen(): void {
    const on = <T>(fn: (p: T) => void) => (p: T): void => {
      fn(p);
      this.changes.notify();
    };
    this.cdp.on('Network.requestWillBeSent', on((p: RequestWillBeSent) => {
      const r = this.record(p.requestId);
      const prev = r.hops[r.hops.length - 1];
      if (prev && p.redirectResponse) {
        prev.response = p.redirectResponse;
        prev.responseAt = p.timestamp;
        prev.hasExtraInfo = p.redirectHasExtraInfo === true;
      }
      r.hops.push({ sent: p });
    }));
    this.cdp.on('Network.requestWillBeSentExtraInfo', on((p: RequestExtraInfo) => {
      this.record(p.requestId).requestExtra.push(p);
    }));
    this.cdp.on('Network.responseReceivedExtraInfo', on((p: ResponseExtraInfo) => {
      this.record(p.requestId).responseExtra.push(p);
    }));
    this.cdp.on('Network.responseReceived', on((p: ResponseReceived) => {
      const r = this.record(p.requestId);
      const last = r.hops[r.hops.length - 1];
      if (last) {
        last.response = p.response;
        last.responseAt = p.timestamp;
        last.hasExtraInfo = p.hasExtraInfo === true;
      }
      r.responseType = p.type;
    }));
    this.cdp.on('Network.dataReceived', on((p: DataReceived) => {
      this.record(p.requestId).dataLength += p.dataLength;
    }));
    this.cdp.on('Network.loadingFinished', on((p: LoadingFinished) => {
      this.record(p.requestId).finished = p;
    }));
    this.cdp.on('Network.loadingFailed', on((p: LoadingFailed) => {
      const r = this.record(p.requestId);
      r.failed = p;
      r.responseType = p.type;
    }));
    this.cdp.on('Audits.issueAdded', on((p) => {
      const details = p.issue.details.corsIssueDetails;
      if (p.issue.code !== 'CorsIssue' || !details) return;
      this.corsIssues.push({ url: details.request.url, corsErrorStatus: details.corsErrorStatus, isWarning: details.isWarning });
    }));
  }

  /**
   * The request itself went out (its raw head was sent, `requestWillBeSentExtraInfo`: a request
   * blocked at its preflight never is) and got no response head at all (a redirect Chromium
   * refused to follow, net::ERR_UNSAFE_REDIRECT, has its raw head): the network failed it, with a
   * network-level error and no CORS error (a failed preflight reports the same error on its
   * request, which then never left).
   */
  static failedBelowCors(r: CdpRecord): boolean {
    const last = r.hops[r.hops.length - 1];
    const sent = r.requestExtra.length >= r.hops.length;
    const answered = last?.response !== undefined || r.responseExtra.length >= r.hops.length;
    return last !== undefined && sent && !answered && r.failed?.corsErrorStatus === undefined && isNetworkLevelError(r.failed?.errorText ?? null);
  }

  /** Records in the order CDP first mentioned them. */
  all(): CdpRecord[] {
    return [...this.records.values()].sort((a, b) => a.seq - b.seq);
  }

  /** A record is settled once it finished or failed and the raw heads CDP announced have arrived. */
  private static settled(r: CdpRecord): boolean {
    if (r.hops.length === 0 || (r.finished === undefined && r.failed === undefined)) return false;
    return r.hops.every((h, i) => h.hasExtraInfo !== true || r.responseExtra.length > i);
  }

  /**
   * Waits until CDP has told everything about `planned`: first a CDP round trip on the page
   * session (events the renderer emitted before its fetches settled arrive before the reply), a
   * short grace for any first request still missing (Chromium refuses some fetches before a
   * request exists: those stay unobserved), then until every record was answered or ended, then
   * briefly until each finished or failed with the raw heads announced for its hops. Never
   * throws: what did not settle shows up as such in the HAR and the oracle.
   */
  async waitSettled(planned: readonly PlannedFetch[], timeoutMs = 10_000): Promise<void> {
    await this.cdp.send('Runtime.evaluate', { expression: '0' }).catch(() => undefined);
    const allSeen = (): boolean => planned.every((p) => this.firstRequestsOf(p.url).length > p.occurrence);
    await waitForCondition(allSeen, this.changes.subscribe, 500, () => 'no request yet').catch(() => undefined);
    const ended = (r: CdpRecord): boolean => r.hops.length === 0 || r.finished !== undefined || r.failed !== undefined;
    // A response handed to the page is past every CORS decision; its end event normally follows at
    // once, but Chromium never sent one for a repeated no-cors fetch through a redirect whose opaque
    // body nobody read: such records get a short grace, not the full wait.
    const answered = (r: CdpRecord): boolean => ended(r) || r.hops[r.hops.length - 1]?.response !== undefined;
    await waitForCondition(() => this.all().every(answered), this.changes.subscribe, timeoutMs, () => 'CDP records not answered').catch(() => undefined);
    const allSettled = (): boolean => this.all().every((r) => r.hops.length === 0 || CdpNetworkRecorder.settled(r));
    await waitForCondition(allSettled, this.changes.subscribe, SETTLE_GRACE_MS, () => 'CDP records not settled').catch(() => undefined);
  }

  private firstRequestsOf(url: string): CdpRecord[] {
    return this.all().filter((r) => r.hops[0]?.sent.request.url === url && r.hops[0].sent.initiator.type !== 'preflight');
  }

  /**
   * The oracle row for each planned fetch: Chromium's own verdict, from `loadingFailed
   * .corsErrorStatus`, or — for a fetch refused before any request existed — from its CORS issue.
   */
  oracle(planned: readonly PlannedFetch[], pageOrigin: string): OracleFetch[] {
    const issuesUsed = new Set<CorsIssue>();
    return planned.map((p): OracleFetch => {
      const r = this.firstRequestsOf(p.url)[p.occurrence];
      const chain = r ? r.hops.map((h) => h.sent.request.url) : [p.url];
      let cors = r?.failed?.corsErrorStatus;
      if (!r) {
        const issue = this.corsIssues.find((i) => !issuesUsed.has(i) && !i.isWarning && i.url === p.url);
        if (issue) {
          issuesUsed.add(issue);
          cors = issue.corsErrorStatus;
        }
      }
      const chromium = cors ? { corsError: cors.corsError, failedParameter: cors.failedParameter } : null;
      return {
        ...plannedRow(p, chain, r?.requestId, r?.failed?.errorText ?? null),
        chromium,
        outcome: fetchOutcome(chromium !== null, r !== undefined && CdpNetworkRecorder.failedBelowCors(r), p.page.ok, p.mode, chain, pageOrigin),
      };
    });
  }

  /** The HAR DevTools would export for everything recorded so far. */
  har(opts: ChromiumHarOptions): Har {
    return devToolsHar(this.all(), opts);
  }
}
