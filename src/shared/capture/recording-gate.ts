/**
 * The recording gate: which requests the tracker follows at all.
 *
 * A request whose first event arrives while its tab is not recording is never followed, not even
 * when recording resumes before it ends, and neither is its preflight, whichever order the
 * browser reports them in (Chrome: the preflight first; Firefox: the actual request first). The
 * worker tells the gate when a tab's recording starts or stops; the gate asks nobody.
 */
import type { BrowserName } from '../model/exchange.ts';
import { isPreflightEvent, pairKey, requestedMethodOf, requestOf, tabKeyPrefix } from './exchange-state.ts';
import { needsCorsPreflight } from '../pairing/index.ts';
import type { CaptureEvent } from './raw-event.ts';

/** How long an unrecorded request's counterpart (its preflight, or its request) is waited for. */
export const UNRECORDED_PAIR_MS = 60_000;

function isEnd(e: CaptureEvent): boolean {
  return e.phase === 'completed' || e.phase === 'error';
}

export class RecordingGate {
  readonly #browser: BrowserName;
  /** Tabs whose recording is stopped (every other tab records). */
  readonly #stopped = new Set<number>();
  /** requestId → tab, of requests first seen while their tab was not recording: dropped until they end. */
  readonly #ignored = new Map<string, number>();
  /**
   * pairKey → times of unrecorded requests whose counterpart (Chrome: the actual request after its
   * preflight; Firefox: the preflight after its actual request) has not been seen yet.
   */
  readonly #ignoredPairs = new Map<string, number[]>();

  constructor(browser: BrowserName) {
    this.#browser = browser;
  }

  setRecording(tabId: number, recording: boolean): void {
    if (recording) this.#stopped.delete(tabId);
    else this.#stopped.add(tabId);
  }

  /** An event of a request the gate turned away: true, and the request is forgotten at its end. */
  turnedAway(e: CaptureEvent): boolean {
    if (this.#ignored.size === 0 || !this.#ignored.has(e.requestId)) return false;
    if (isEnd(e)) this.#ignored.delete(e.requestId);
    return true;
  }

  /**
   * The first event of a request the tracker does not follow yet: whether it is turned away (its
   * later events then are too). It is when its tab is not recording, or when it is the counterpart
   * of a request turned away. Counterparts are found by pairing key.
   */
  turnsAway(e: CaptureEvent): boolean {
    const recording = !this.#stopped.has(e.tabId);
    if (recording && this.#ignoredPairs.size === 0) return false;
    const refused = this.#unrecorded(e, recording);
    if (refused && !isEnd(e)) this.#ignored.set(e.requestId, e.tabId);
    return refused;
  }

  /** Forgets the requests of a tab being turned away (its recording state stays). */
  forgetTab(tabId: number): void {
    for (const [requestId, tab] of this.#ignored) if (tab === tabId) this.#ignored.delete(requestId);
    const prefix = tabKeyPrefix(tabId);
    for (const key of this.#ignoredPairs.keys()) if (key.startsWith(prefix)) this.#ignoredPairs.delete(key);
  }

  #unrecorded(e: CaptureEvent, recording: boolean): boolean {
    if (e.phase !== 'send' && e.phase !== 'error') return !recording;
    const preflight = e.phase === 'send' && isPreflightEvent(e);
    const key = pairKey(e.tabId, preflight ? requestedMethodOf(e) : e.method, e.url);
    const counterpartComesLater = this.#browser === 'firefox' ? !preflight : preflight;
    if (!counterpartComesLater && this.#takeIgnoredPair(key, e.time)) return true;
    if (recording) return false;
    // Firefox reports the actual request first; only one that needs a preflight gets one for sure.
    const actualNeedsOne = !preflight && e.phase === 'send' && needsCorsPreflight(requestOf(e, e.headers ?? [], false), this.#browser);
    if (counterpartComesLater && (preflight || actualNeedsOne)) {
      const list = this.#ignoredPairs.get(key);
      if (list === undefined) this.#ignoredPairs.set(key, [e.time]);
      else list.push(e.time);
    }
    return true;
  }

  /** Consumes one unrecorded counterpart waiting under `key` (stale ones are dropped). */
  #takeIgnoredPair(key: string, time: number): boolean {
    const list = this.#ignoredPairs.get(key);
    if (list === undefined) return false;
    const fresh = list.filter((t) => time - t <= UNRECORDED_PAIR_MS);
    const taken = fresh.length > 0;
    if (taken) fresh.shift();
    if (fresh.length === 0) this.#ignoredPairs.delete(key);
    else this.#ignoredPairs.set(key, fresh);
    return taken;
  }
}
