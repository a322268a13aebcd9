import { describe, expect, it } from 'vitest';
import { FACT_CODES, inferredFact } from './facts.ts';
import type { InferredFact } from '../verdict.ts';

const chromiumAllows = { allowed: true, code: null, corsError: null, failedParameter: null } as const;
const firefoxAllows = { allowed: true, code: null, firefoxReason: null } as const;

// One row per fact code (a code without words is a type error in facts.ts).
const ROWS: readonly { fact: InferredFact; statement: string; fields: Record<string, unknown> }[] = [
  { fact: inferredFact('request-cancelled', { error: 'net::ERR_ABORTED' }), statement: 'the request was cancelled, not blocked', fields: { error: 'net::ERR_ABORTED' } },
  { fact: inferredFact('request-origin-from-header', { origin: 'http://a.test' }), statement: "the page's origin is http://a.test", fields: { origin: 'http://a.test' } },
  { fact: inferredFact('opaque-request-origin', { page: 'http://a.test' }), statement: 'the request came from an opaque origin (null)', fields: { page: 'http://a.test' } },
  { fact: inferredFact('request-mode', { mode: 'cors' }, { because: 'an Origin header on a GET request' }), statement: 'the request mode is cors', fields: { mode: 'cors' } },
  {
    fact: inferredFact('credentials-mode', { credentialed: true, otherReading: { credentialed: false, chromium: chromiumAllows, firefox: firefoxAllows } }, { because: 'x' }),
    statement: 'credentials mode is include',
    fields: { credentialed: true, otherReading: { credentialed: false, chromium: chromiumAllows, firefox: firefoxAllows } },
  },
  { fact: inferredFact('preflight-forced', {}), statement: 'the preflight was forced', fields: {} },
  {
    fact: inferredFact('header-order-unrecorded', { header: 'x-b', candidates: ['x-b', 'x-a'] }, { url: 'http://a.test/' }),
    statement: 'Chromium names `x-b` as the header Access-Control-Allow-Headers lacks',
    fields: { header: 'x-b', candidates: ['x-b', 'x-a'] },
  },
  {
    fact: inferredFact('request-headers-from-preflight', { names: ['content-type', 'x-a'] }),
    statement: 'the request carried `content-type`, `x-a`',
    fields: { names: ['content-type', 'x-a'] },
  },
  { fact: inferredFact('redirect-not-followed', {}), statement: 'the redirect was not followed; the recording does not show whether the page received it', fields: {} },
  { fact: inferredFact('stopped-at-redirect', {}), statement: 'the browser stopped at a redirect it did not follow', fields: {} },
  { fact: inferredFact('local-network-access-granted', {}, { because: 'why' }), statement: 'the user granted Local Network Access', fields: {} },
  {
    fact: inferredFact('firefox-init-pairs', { header: 'content-type', value: 'text/plain, text/plain' }),
    statement: 'Firefox needs no preflight for `content-type` if the page passed it to fetch() as separate pairs',
    fields: { header: 'content-type', value: 'text/plain, text/plain' },
  },
  { fact: inferredFact('firefox-has-no-local-network-access', {}), statement: 'Firefox would send this request: it has no Local Network Access check', fields: {} },
  { fact: inferredFact('chromium-reported-cors-error', { corsError: 'MissingAllowOriginHeader' }), statement: 'Chromium blocked it with MissingAllowOriginHeader', fields: { corsError: 'MissingAllowOriginHeader' } },
  {
    fact: inferredFact('local-network-access-blocked', { corsError: 'InsecureLocalNetwork' }, { because: 'why' }),
    statement: "Chromium's Local Network Access check blocked it (InsecureLocalNetwork)",
    fields: { corsError: 'InsecureLocalNetwork' },
  },
  { fact: inferredFact('cause-not-visible', { error: null }), statement: 'the browser failed this request for a reason the recording does not show', fields: { error: null } },
  { fact: inferredFact('network-error', { error: 'net::ERR_EMPTY_RESPONSE' }), statement: 'the request failed at the network level', fields: { error: 'net::ERR_EMPTY_RESPONSE' } },
  { fact: inferredFact('network-failure-unrecorded', {}), statement: 'the request failed at the network level', fields: {} },
  { fact: inferredFact('blocked-despite-passing-headers', { error: 'net::ERR_FAILED' }), statement: 'something not in the recording blocked the request', fields: { error: 'net::ERR_FAILED' } },
  { fact: inferredFact('preflight-cache-hit', { hop: 1 }, { hops: 2, evidence: ['a', 'b'] }), statement: 'the preflight of hop 2 was answered from the CORS-preflight cache', fields: { hop: 1 } },
];

describe('inferred facts: a code, its fields, and words rendered from them', () => {
  it.each(ROWS)('$fact.code', ({ fact, statement, fields }) => {
    const { code, statement: said, because, ...rest } = fact;
    expect(typeof code).toBe('string');
    expect(said).toBe(statement);
    expect(because.length).toBeGreaterThan(0);
    expect(rest).toEqual(fields);
  });

  it('covers every code once', () => {
    const codes = ROWS.map((r) => r.fact.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...FACT_CODES].sort());
  });
});
