import { describe, expect, it } from 'vitest';
import { evaluateExchange } from '../evaluate.ts';
import type { ChromiumCorsError, FirefoxReason } from '../codes.ts';
import type { FactCode, Verdict } from '../verdict.ts';
import type { ObservedExchange, ObservedOutcome } from '../../model/exchange.ts';
import { endsAtUnfollowedRedirect, isCancellation, withoutCancellation } from './outcome-reading.ts';
import { ACAC, ACAO, API, PAGE, chain, h, preflighted, simple } from '../build-exchange.test-util.ts';

const NEXT = `${API}/b`;
const REDIRECT = { url: API, status: 302, response: [ACAO, ['Location', NEXT]] as const };

/** A redirect whose next hop was recorded without a response (Chromium lists the hop it cancelled). */
function followedThenStopped(outcome: ObservedOutcome): ObservedExchange {
  const x = chain({ outcome }, [REDIRECT, { url: NEXT, response: [] }]);
  const [first, second] = x.legs;
  if (first === undefined || second === undefined) throw new Error('two legs');
  return { ...x, legs: [first, { ...second, request: { ...second.request, headers: h([['Referer', `${PAGE}/`]]), headersProvisional: true }, response: null }] };
}

describe('isCancellation', () => {
  it.each([
    ['net::ERR_ABORTED', true],
    ['NS_BINDING_ABORTED', true],
    ['net::ERR_FAILED', false],
    ['NS_ERROR_DOM_BAD_URI', false],
    ['net::ERR_EMPTY_RESPONSE', false],
    [undefined, false],
  ])('%s → %s', (error, expected) => {
    expect(isCancellation(error)).toBe(expected);
  });

  it('turns only a failed, cancelled outcome into an unobserved one', () => {
    const aborted = withoutCancellation(simple({ response: [ACAO], outcome: { kind: 'failed', error: 'net::ERR_ABORTED' } }));
    expect(aborted.x.outcome).toEqual({ kind: 'unknown', error: 'net::ERR_ABORTED' });
    expect(aborted.fact).toMatchObject({ code: 'request-cancelled', error: 'net::ERR_ABORTED' });
    const blocked = simple({ response: [ACAO], outcome: { kind: 'failed', error: 'net::ERR_FAILED' } });
    expect(withoutCancellation(blocked)).toEqual({ x: blocked, fact: null });
  });
});

describe('endsAtUnfollowedRedirect', () => {
  it.each([
    { name: 'a 302 with Location and no next hop', x: chain({}, [REDIRECT]), expected: true },
    { name: 'a 302 followed by its next hop', x: chain({}, [REDIRECT, { url: NEXT, response: [ACAO] }]), expected: false },
    { name: 'a 302 without Location', x: chain({}, [{ url: API, status: 302, response: [ACAO] }]), expected: false },
    { name: 'a 200', x: simple({ response: [ACAO] }), expected: false },
    { name: 'a last hop without response', x: followedThenStopped({ kind: 'failed', error: 'net::ERR_FAILED' }), expected: false },
    // Only fetch() has a redirect mode; XHR and element requests always follow.
    { name: 'an XHR 302 with no next hop', x: chain({ resourceType: 'xhr' }, [REDIRECT]), expected: false },
    { name: 'an image 302 with no next hop', x: chain({ resourceType: 'image' }, [REDIRECT]), expected: false },
    { name: 'a webRequest xmlhttprequest (fetch or XHR) 302', x: chain({ resourceType: 'xmlhttprequest' }, [REDIRECT]), expected: true },
  ])('$name → $expected', ({ x, expected }) => {
    expect(endsAtUnfollowedRedirect(x)).toBe(expected);
  });
});

interface Row {
  readonly name: string;
  readonly x: ObservedExchange;
  readonly outcome: Verdict['outcome'];
  /** Chromium's CorsError, null when none. */
  readonly chromium: ChromiumCorsError | null;
  /** Firefox's reason, null when none; absent when the row is about Chromium only. */
  readonly firefox?: FirefoxReason | null;
  /** A fact the verdict must infer. */
  readonly fact?: FactCode;
}

const ROWS: readonly Row[] = [
  // redirect: 'manual' in Chromium 156: the hop it would follow is listed, cancelled (net::ERR_ABORTED).
  { name: 'cancelled next hop of a passing redirect', x: followedThenStopped({ kind: 'failed', error: 'net::ERR_ABORTED' }), outcome: 'allowed', chromium: null, firefox: null, fact: 'request-cancelled' },
  // redirect: 'error' in Chromium 156: net::ERR_FAILED on the 302, no corsErrorStatus, no Cookie header.
  {
    name: 'failure at an unfollowed, passing redirect, credentials unknown',
    x: chain({ outcome: { kind: 'failed', error: 'net::ERR_FAILED' } }, [REDIRECT]),
    outcome: 'blocked', chromium: null, firefox: null, fact: 'stopped-at-redirect',
  },
  // An XHR cannot stop at a redirect (no redirect mode): credentials: include, the only reading
  // that explains the failure, is chosen (Chromium 156, found by differential fuzzing).
  {
    name: 'XHR failure at a passing redirect, credentials unknown',
    x: chain({ resourceType: 'xhr', outcome: { kind: 'failed', error: 'net::ERR_FAILED' } }, [REDIRECT]),
    outcome: 'blocked', chromium: 'InvalidAllowCredentials', firefox: 'CORSMissingAllowCredentials',
  },
  // A Cookie header proves credentials: include, so the missing ACAC is the cause after all.
  {
    name: 'failure at an unfollowed redirect that carried a Cookie',
    x: (() => {
      const x = chain({ outcome: { kind: 'failed', error: 'net::ERR_FAILED' } }, [REDIRECT]);
      return { ...x, legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headers: [...l.request.headers, { name: 'Cookie', value: 'a=1' }] } })) };
    })(),
    outcome: 'blocked', chromium: 'InvalidAllowCredentials', firefox: 'CORSMissingAllowCredentials',
  },
  // Firefox's HAR: a lone 302 with no error field, whether redirect: 'manual' or 'error'.
  {
    name: 'Firefox: a passing redirect nobody followed',
    x: chain({ recorder: 'firefox', outcome: { kind: 'succeeded' } }, [REDIRECT]),
    outcome: 'allowed', chromium: null, firefox: null, fact: 'redirect-not-followed',
  },
  // Firefox 153: a connection closed without an answer logs CORSDidNotSucceed; its HAR shows status 0 only.
  {
    name: 'Firefox: failed with no response and no error',
    x: (() => {
      const x = simple({ recorder: 'firefox', outcome: { kind: 'failed' } });
      return { ...x, legs: x.legs.map((l) => ({ ...l, response: null })) };
    })(),
    outcome: 'not-cors', chromium: null, firefox: 'CORSDidNotSucceed', fact: 'network-failure-unrecorded',
  },
  // Chromium 156 with the page made public by a switch: status 0, net::ERR_FAILED, nothing else.
  {
    name: 'Chromium: failed with no response, loopback page and target',
    x: (() => {
      const x = simple({ outcome: { kind: 'failed', error: 'net::ERR_FAILED' } });
      return { ...x, legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headers: h([['Referer', `${PAGE}/`]]), headersProvisional: true }, response: null })) };
    })(),
    outcome: 'blocked', chromium: null, fact: 'cause-not-visible',
  },
  // Chromium 156: a preflighted request refused by Local Network Access; only the OPTIONS entry names it.
  {
    name: 'LNA error on the preflight, secure page',
    x: (() => {
      const x = preflighted({ outcome: { kind: 'failed', error: 'net::ERR_FAILED' }, preflightResponse: null, actual: null });
      return { ...x, legs: x.legs.map((l) => (l.preflight?.kind === 'observed' ? { ...l, preflight: { ...l.preflight, error: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' } } : l)) };
    })(),
    outcome: 'blocked', chromium: 'LocalNetworkAccessPermissionDenied',
  },
  {
    name: 'LNA error on the request, non-secure named page',
    x: { ...simple({ response: [ACAO], outcome: { kind: 'failed', error: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' } }), initiatorOrigin: 'http://lab.test:8000' },
    outcome: 'blocked', chromium: 'InsecureLocalNetwork',
  },
  // Redirect locations: Firefox 153 logs CORSRequestNotHttp naming an ftp: location, CORSDidNotSucceed for data:.
  { name: 'Firefox: redirect to ftp:', x: chain({ recorder: 'firefox' }, [{ url: API, status: 302, response: [ACAO, ['Location', 'ftp://127.0.0.1/x']] }]), outcome: 'blocked', chromium: 'CorsDisabledScheme', firefox: 'CORSRequestNotHttp' },
  { name: 'Firefox: redirect to data:', x: chain({ recorder: 'firefox' }, [{ url: API, status: 302, response: [ACAO, ['Location', 'data:text/plain,hi']] }]), outcome: 'blocked', chromium: null, firefox: 'CORSDidNotSucceed' },
  // Sanity: a credentialed request with ACAC passes through the redirect untouched.
  { name: 'credentialed redirect with ACAC', x: chain({ credentials: 'include' }, [{ url: API, status: 302, response: [ACAO, ACAC, ['Location', NEXT]] }, { url: NEXT, response: [ACAO, ACAC] }]), outcome: 'allowed', chromium: null, firefox: null },
];

describe('outcomes that are not CORS decisions', () => {
  it.each(ROWS)('$name', ({ x, outcome, chromium, firefox, fact }) => {
    const v = evaluateExchange(x);
    expect(v.outcome).toBe(outcome);
    expect(v.chromium.corsError).toBe(chromium);
    if (firefox !== undefined) expect(v.firefox.firefoxReason).toBe(firefox);
    if (fact !== undefined) expect(v.inferred.map((f) => f.code)).toContain(fact);
  });
});
