/**
 * One-to-one assignment of observed preflights to the requests they guard.
 *
 * Concurrent identical fetches each send their own preflight (nothing is cached yet), and a
 * recording may list a preflight before or after its request, so the assignment is global, in
 * two rounds:
 * 1. Exact matches between interchangeable items — requests with the same URL, method, origin and
 *    CORS-unsafe header names, and preflights that ask exactly for those — are matched on a time
 *    line (`time-line.ts`), nearest first: one to one, however many identical requests there are.
 * 2. The rest (tainted origins, compatible header lists, unknown times) is scored pair by pair
 *    among each request's nearest preflights, and the best pairs are taken first — exact
 *    `Access-Control-Request-Headers` before compatible ones, then the smallest time gap.
 */
import { corsUnsafeRequestHeaderNames } from './cors-request.ts';
import {
  DEFAULT_MAX_LAG_MS,
  DEFAULT_MAX_LEAD_MS,
  matchPreflight,
  requestOrigin,
  requestedHeaderNames,
  requestedMethod,
  urlWithoutFragment,
  type PairingSubject,
  type PairingWindow,
  type PreflightMatch,
} from './match.ts';
import { matchOnTimeLine, type TimedItem } from './time-line.ts';

export interface PreflightPairing {
  readonly preflightId: string;
  readonly match: Extract<PreflightMatch, { matches: true }>;
}

/** How many preflights nearest in time are considered per request when a bucket is large. */
const NEAREST_CANDIDATES = 16;

interface Candidate {
  readonly actualIndex: number;
  readonly preflightIndex: number;
  readonly match: Extract<PreflightMatch, { matches: true }>;
}

function bucketKey(url: string, method: string): string {
  return `${method}\n${urlWithoutFragment(url)}`;
}

function startOf(subject: PairingSubject): number {
  return subject.request.startedAt ?? Number.NaN;
}

/** Indexes in `sorted` (sorted by start time) of the `count` preflights nearest to `time`. */
function nearestIndexes(sorted: readonly number[], starts: readonly number[], time: number, count: number): number[] {
  if (sorted.length <= count) return [...sorted];
  if (Number.isNaN(time)) return sorted.slice(0, count);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = starts[sorted[mid] ?? 0] ?? Number.NaN;
    if (start < time) lo = mid + 1;
    else hi = mid;
  }
  const from = Math.max(0, lo - count / 2);
  return sorted.slice(from, Math.min(sorted.length, from + count));
}

/**
 * Pairs each request with at most one preflight and each preflight with at most one request.
 * Callers pass the requests that may have been preflighted (CORS mode); a request with a
 * CORS-safelisted method can still be paired when its headers triggered the preflight.
 * Returns a map from request id to its preflight.
 */
export function pairPreflights(
  actuals: readonly PairingSubject[],
  preflights: readonly PairingSubject[],
  window: PairingWindow = {},
): Map<string, PreflightPairing> {
  const pairs = new Map<string, PreflightPairing>();
  const pairedPreflights = new Set<number>();
  for (const [actualIndex, preflightIndex, match] of identicalRound(actuals, preflights, window)) {
    const actual = actuals[actualIndex];
    const preflight = preflights[preflightIndex];
    if (actual === undefined || preflight === undefined) continue;
    pairs.set(actual.id, { preflightId: preflight.id, match });
    pairedPreflights.add(preflightIndex);
  }
  const restActuals = actuals.filter((actual) => !pairs.has(actual.id));
  const restPreflights = preflights.filter((_, index) => !pairedPreflights.has(index));
  for (const [id, pairing] of scoredRound(restActuals, restPreflights, window)) pairs.set(id, pairing);
  return pairs;
}

/** The key under which an actual request and the preflights that exactly match it meet, or null. */
function exactKey(url: string, method: string, origin: string | null, names: readonly string[]): string | null {
  if (origin === null || origin === 'null') return null;
  return `${bucketKey(url, method)}\n${origin}\n${names.join(',')}`;
}

interface Meeting {
  readonly actuals: TimedItem[];
  readonly preflights: TimedItem[];
}

/** Round 1: exact matches among interchangeable requests and preflights, on a time line. */
function identicalRound(
  actuals: readonly PairingSubject[],
  preflights: readonly PairingSubject[],
  window: PairingWindow,
): [number, number, Extract<PreflightMatch, { matches: true }>][] {
  const meetings = new Map<string, Meeting>();
  const meet = (key: string | null): Meeting | null => {
    if (key === null) return null;
    let meeting = meetings.get(key);
    if (meeting === undefined) meetings.set(key, (meeting = { actuals: [], preflights: [] }));
    return meeting;
  };
  preflights.forEach((preflight, index) => {
    const at = preflight.request.startedAt;
    const method = requestedMethod(preflight.request);
    if (at === undefined || method === null) return;
    const key = exactKey(preflight.request.url, method, requestOrigin(preflight), requestedHeaderNames(preflight.request));
    meet(key)?.preflights.push({ index, at });
  });
  actuals.forEach((actual, index) => {
    const at = actual.request.startedAt;
    if (at === undefined) return;
    const key = exactKey(actual.request.url, actual.request.method, requestOrigin(actual), corsUnsafeRequestHeaderNames(actual.request.headers));
    if (key !== null && meetings.has(key)) meet(key)?.actuals.push({ index, at });
  });
  const lineWindow = { maxLeadMs: window.maxLeadMs ?? DEFAULT_MAX_LEAD_MS, maxLagMs: window.maxLagMs ?? DEFAULT_MAX_LAG_MS };
  const chosen: [number, number, Extract<PreflightMatch, { matches: true }>][] = [];
  for (const meeting of meetings.values()) {
    if (meeting.actuals.length === 0) continue;
    for (const [actualIndex, preflightIndex] of matchOnTimeLine(meeting.actuals, meeting.preflights, lineWindow)) {
      const actual = actuals[actualIndex];
      const preflight = preflights[preflightIndex];
      if (actual === undefined || preflight === undefined) continue;
      // The same rule as everywhere else has the last word (a key can only agree with it).
      const match = matchPreflight(preflight, actual, window);
      if (match.matches) chosen.push([actualIndex, preflightIndex, match]);
    }
  }
  return chosen;
}

/** Round 2: every plausible pair among each request's nearest preflights, best first. */
function scoredRound(
  actuals: readonly PairingSubject[],
  preflights: readonly PairingSubject[],
  window: PairingWindow,
): Map<string, PreflightPairing> {
  const buckets = new Map<string, number[]>();
  const preflightStarts = preflights.map(startOf);
  preflights.forEach((preflight, index) => {
    const method = requestedMethod(preflight.request);
    if (method === null) return;
    const key = bucketKey(preflight.request.url, method);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [index]);
    else bucket.push(index);
  });
  for (const bucket of buckets.values()) {
    bucket.sort((a, b) => (preflightStarts[a] ?? 0) - (preflightStarts[b] ?? 0) || a - b);
  }

  const candidates: Candidate[] = [];
  actuals.forEach((actual, actualIndex) => {
    const bucket = buckets.get(bucketKey(actual.request.url, actual.request.method));
    if (bucket === undefined) return;
    for (const preflightIndex of nearestIndexes(bucket, preflightStarts, startOf(actual), NEAREST_CANDIDATES)) {
      const preflight = preflights[preflightIndex];
      if (preflight === undefined) continue;
      const match = matchPreflight(preflight, actual, window);
      if (match.matches) candidates.push({ actualIndex, preflightIndex, match });
    }
  });

  candidates.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Math.abs(a.match.deltaMs ?? 0) - Math.abs(b.match.deltaMs ?? 0) ||
      a.actualIndex - b.actualIndex ||
      a.preflightIndex - b.preflightIndex,
  );

  const chosen: Candidate[] = [];
  const takenActuals = new Set<number>();
  const takenPreflights = new Set<number>();
  for (const candidate of candidates) {
    if (takenActuals.has(candidate.actualIndex) || takenPreflights.has(candidate.preflightIndex)) continue;
    chosen.push(candidate);
    takenActuals.add(candidate.actualIndex);
    takenPreflights.add(candidate.preflightIndex);
  }

  const pairs = new Map<string, PreflightPairing>();
  for (const candidate of uncross(chosen, actuals, preflights, window)) {
    const actual = actuals[candidate.actualIndex];
    const preflight = preflights[candidate.preflightIndex];
    if (actual !== undefined && preflight !== undefined) {
      pairs.set(actual.id, { preflightId: preflight.id, match: candidate.match });
    }
  }
  return pairs;
}

/**
 * Browsers send the preflights of identical requests in request order. Nearest-first can cross
 * two pairs (a1↔p2, a2↔p1); within each group of interchangeable pairs (same URL, method and
 * `Access-Control-Request-Headers`) the chosen requests and preflights are re-zipped in time
 * order, unless a re-zipped pair would not match.
 */
function uncross(
  chosen: readonly Candidate[],
  actuals: readonly PairingSubject[],
  preflights: readonly PairingSubject[],
  window: PairingWindow,
): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of chosen) {
    const preflight = preflights[candidate.preflightIndex];
    if (preflight === undefined) continue;
    const key = `${bucketKey(preflight.request.url, requestedMethod(preflight.request) ?? '')}\n${requestedHeaderNames(preflight.request).join(',')}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [candidate]);
    else group.push(candidate);
  }
  const result: Candidate[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) {
      result.push(...group);
      continue;
    }
    const byTime = (starts: (i: number) => number) => (a: number, b: number) => starts(a) - starts(b) || a - b;
    const actualOrder = group.map((c) => c.actualIndex).sort(byTime((i) => startOf(actuals[i] ?? EMPTY)));
    const preflightOrder = group.map((c) => c.preflightIndex).sort(byTime((i) => startOf(preflights[i] ?? EMPTY)));
    const rezipped: Candidate[] = [];
    for (let k = 0; k < actualOrder.length; k++) {
      const actualIndex = actualOrder[k] ?? -1;
      const preflightIndex = preflightOrder[k] ?? -1;
      const actual = actuals[actualIndex];
      const preflight = preflights[preflightIndex];
      const match = actual !== undefined && preflight !== undefined ? matchPreflight(preflight, actual, window) : null;
      if (match === null || !match.matches) break;
      rezipped.push({ actualIndex, preflightIndex, match });
    }
    result.push(...(rezipped.length === group.length ? rezipped : group));
  }
  return result;
}

const EMPTY: PairingSubject = { id: '', request: { url: '', method: '', headers: [] } };

/** Exact `Access-Control-Request-Headers` matches are taken before compatible ones. */
function rank(candidate: Candidate): number {
  return candidate.match.headers === 'exact' ? 0 : 1;
}
