/**
 * The preflight pool keeps its unclaimed preflights in claim order so a claim does not scan them
 * (ordered-queue.ts). This checks it against the rule written out as a scan: over random offers,
 * finishes, claims and sweeps, a claim takes the preflight the rule accepts that is finished
 * first, then finished earliest, then offered earliest — and a sweep orphans exactly the
 * preflights finished over `ORPHAN_PREFLIGHT_MS` ago.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ObservedRequest } from '../model/exchange.ts';
import type { PairingSubject } from '../pairing/index.ts';
import { newExchange, newPreflight, pairKey, type PreflightState } from './exchange-state.ts';
import type { CaptureEvent } from './raw-event.ts';
import { ORPHAN_PREFLIGHT_MS, PreflightPool, type PreflightMatcher } from './preflight-pool.ts';

const TAB = 1;
const URLS = ['http://api.localhost:9000/a', 'http://api.localhost:9000/b'];

/** A preflight's tag; a request accepts some tags (so the rule is not an equivalence). */
function tagOf(subject: PairingSubject): string {
  return subject.request.headers.find((h) => h.name === 'x-tag')?.value ?? '';
}

/** The rule under test: the request names the tags it accepts. */
const matcher: PreflightMatcher = (preflight, actual) => tagOf(actual).split(',').includes(tagOf(preflight));

function event(requestId: string, url: string, time: number): CaptureEvent {
  return {
    phase: 'send',
    requestId,
    tabId: TAB,
    frameId: 0,
    url,
    method: 'OPTIONS',
    type: 'xmlhttprequest',
    time,
    initiatorOrigin: 'http://localhost:8000',
    requesterUrl: undefined,
    documentId: undefined,
    headers: [],
    status: undefined,
    statusLine: undefined,
    error: undefined,
  };
}

function preflight(id: number, url: string, tag: string): PreflightState {
  const e = event(`p${id}`, url, 0);
  const request: ObservedRequest = { url, method: 'OPTIONS', headers: [{ name: 'x-tag', value: tag }] };
  return newPreflight(e, request, newExchange(e, [], { initiator: { kind: 'page' }, tabs: [TAB] }));
}

/** The claim rule as a scan over the unclaimed preflights in the order they were offered. */
function referenceClaim(offered: readonly PreflightState[], accepts: string): PreflightState | undefined {
  let best: PreflightState | undefined;
  for (const p of offered) {
    if (!accepts.split(',').includes(tagOf({ id: '', request: p.request }))) continue;
    if (best === undefined || (p.done && !best.done) || (p.done === best.done && p.doneAt < best.doneAt)) best = p;
  }
  return best;
}

const TAGS = ['a', 'b', 'c'];
const step = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('offer' as const), url: fc.constantFrom(...URLS), tag: fc.constantFrom(...TAGS) }), weight: 3 },
  // Finishes the `pick`-th unfinished preflight `after` ms after the last finish (0: at the same time; below 0:
  // reported out of time order).
  fc.record({ op: fc.constant('finish' as const), pick: fc.nat(), after: fc.constantFrom(-3, 0, 0, 1, 5, 70_000) }),
  fc.record({ op: fc.constant('claim' as const), url: fc.constantFrom(...URLS), accepts: fc.subarray(TAGS, { minLength: 1 }) }),
  fc.record({ op: fc.constant('sweep' as const), after: fc.constantFrom(0, 30_000, 70_000) }),
);

describe('PreflightPool: claims in the rule\'s order without scanning', () => {
  it('takes what the rule written out as a scan takes, and orphans what it orphans', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 80 }), (steps) => {
        const pool = new PreflightPool('chromium', matcher);
        const offered: PreflightState[] = [];
        let now = 1_000;
        let id = 0;
        for (const s of steps) {
          switch (s.op) {
            case 'offer': {
              const p = preflight(id++, s.url, s.tag);
              offered.push(p);
              pool.offer(pairKey(TAB, 'PUT', s.url), p);
              break;
            }
            case 'finish': {
              const unfinished = offered.filter((p) => !p.done);
              const p = unfinished[s.pick % Math.max(1, unfinished.length)];
              if (p === undefined) break;
              now += s.after;
              p.done = true;
              p.doneAt = now;
              pool.finished(p);
              break;
            }
            case 'claim': {
              const accepts = s.accepts.join(',');
              const request: ObservedRequest = { url: s.url, method: 'PUT', headers: [{ name: 'x-tag', value: accepts }] };
              const expected = referenceClaim(offered.filter((p) => p.request.url === s.url), accepts);
              expect(pool.claim(TAB, request, 'http://localhost:8000')).toBe(expected ?? null);
              if (expected !== undefined) offered.splice(offered.indexOf(expected), 1);
              break;
            }
            case 'sweep': {
              now += s.after;
              const orphans = offered.filter((p) => p.done && now - p.doneAt > ORPHAN_PREFLIGHT_MS);
              expect(new Set(pool.takeOrphans(now))).toEqual(new Set(orphans));
              for (const p of orphans) offered.splice(offered.indexOf(p), 1);
              expect(pool.hasUnclaimed).toBe(offered.length > 0);
              break;
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
