import { describe, expect, it } from 'vitest';
import type { CookieCredentialsEvidence, ObservedExchange } from '../../model/exchange.ts';
import { inferCredentials } from './credentials.ts';
import type { LegContext } from './classify.ts';

const x = (cookieEvidence?: CookieCredentialsEvidence, credentialsMode?: 'include'): ObservedExchange => ({
  id: '1',
  recorder: 'chromium',
  initiatorOrigin: 'http://localhost:8310',
  ...(credentialsMode && { credentialsMode }),
  ...(cookieEvidence && { cookieEvidence }),
  legs: [{ request: { url: 'http://127.0.0.1:8311/api', method: 'GET', headers: [] }, preflight: null, response: { status: 200, headers: [] } }],
  outcome: { kind: 'succeeded' },
});
const LEGS = [{ corsTainted: true }] as unknown as LegContext[];
const WITHHELD = [{ cookie: 'sid', reasons: ['SchemefulSameSiteLax'] }];

describe('inferCredentials with the cookie jar', () => {
  it.each([
    ['no evidence', undefined, undefined, null, /^no Cookie header was seen/],
    [
      'a Set-Cookie of this response was stored',
      { reading: 'include', proof: { code: 'set-cookie-stored', cookie: 'sid', seenBy: 'later-request', exchangeId: '7' }, withheld: WITHHELD },
      undefined, true, /cookie `sid` from this response was stored \(exchange 7 sent it later\).*cookie `sid` was withheld because .*\(SchemefulSameSiteLax\)/,
    ],
    [
      'a matching cookie went unsent',
      { reading: 'not-include', proof: { code: 'matching-cookie-not-sent', cookie: 'sid', setByUrl: 'http://localhost:8310/login', setAt: 1 }, withheld: [] },
      undefined, false, /cookie `sid` \(set by http:\/\/localhost:8310\/login\) matches this request/,
    ],
    ['only withheld cookies', { reading: 'unknown', proof: null, withheld: WITHHELD }, undefined, null, /with credentials: include cookie `sid` was withheld because/],
    ['include known, a cookie withheld', { reading: 'include', proof: null, withheld: WITHHELD }, 'include', true, /^the recorder reported credentials: include; cookie `sid` was withheld because/],
  ] as const)('%s', (_, evidence, mode, credentialed, because) => {
    const guess = inferCredentials(x(evidence as CookieCredentialsEvidence | undefined, mode), LEGS);
    expect(guess.credentialed).toBe(credentialed);
    expect(guess.because).toMatch(because);
  });
});
