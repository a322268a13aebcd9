/**
 * Readings of the browser's own outcome that are not CORS decisions, so the evaluator neither
 * blames CORS for them nor invents a credentials mode to explain them:
 * - a cancelled request (the page aborted it, navigated away, or took an opaque-redirect
 *   response), which no CORS check caused;
 * - a fetch that stopped at a redirect it never followed (https://fetch.spec.whatwg.org/#concept-http-fetch,
 *   step "switch on request's redirect mode"): `redirect: "error"` rejects there, `redirect: "manual"`
 *   hands the page an opaque-redirect response. The redirect mode is never on the wire.
 */
import type { ObservedExchange } from '../../model/exchange.ts';
import type { InferredFact } from '../verdict.ts';
import { inferredFact } from '../content/facts.ts';
import { isRedirect } from '../../http/redirect.ts';

/**
 * Cancellations: Chromium's net::ERR_ABORTED (also what CDP reports for an opaque-redirect or an
 * opaque no-cors response handed to the page, verified in Chromium 156) and Firefox's
 * NS_BINDING_ABORTED. A CORS block is net::ERR_FAILED / NS_ERROR_DOM_BAD_URI, never these.
 */
const CANCELLATIONS: ReadonlySet<string> = new Set(['net::ERR_ABORTED', 'NS_BINDING_ABORTED']);

export function isCancellation(error: string | undefined): boolean {
  return error !== undefined && CANCELLATIONS.has(error);
}

/**
 * A failed outcome whose error is a cancellation says nothing about CORS: the exchange is
 * evaluated as if its outcome were not observed, and the cancellation is stated as a fact.
 */
export function withoutCancellation(x: ObservedExchange): { readonly x: ObservedExchange; readonly fact: InferredFact | null } {
  const { outcome } = x;
  if (outcome.kind !== 'failed' || !isCancellation(outcome.error)) return { x, fact: null };
  return {
    x: { ...x, outcome: { kind: 'unknown', ...(outcome.error === undefined ? {} : { error: outcome.error }) } },
    fact: inferredFact('request-cancelled', { error: outcome.error ?? '' }),
  };
}

/**
 * Resource types whose request may be a fetch() (HAR `_resourceType`, webRequest `type`; absent in
 * Firefox's HAR). Only fetch() can set a redirect mode other than "follow": XMLHttpRequest and
 * element requests always follow (https://xhr.spec.whatwg.org/#the-send()-method sets none, and
 * https://fetch.spec.whatwg.org/#concept-request-redirect-mode defaults to "follow").
 */
const MAY_BE_FETCH: ReadonlySet<string> = new Set(['fetch', 'xmlhttprequest', 'other']);

/**
 * The last recorded leg is a redirect response, no next hop was recorded, and the request may have
 * been a fetch() whose redirect mode stopped it there. Found by differential fuzzing: an XHR that
 * failed at a redirect was read as redirect: "error" instead of its credentials mode.
 */
export function endsAtUnfollowedRedirect(x: ObservedExchange): boolean {
  if (x.resourceType !== undefined && !MAY_BE_FETCH.has(x.resourceType)) return false;
  const last = x.legs[x.legs.length - 1];
  const response = last?.response ?? null;
  return response !== null && isRedirect(response);
}

/** The fact stated for an exchange that ends at a redirect nobody followed. */
export function unfollowedRedirectFact(failed: boolean): InferredFact {
  return failed ? inferredFact('stopped-at-redirect', {}) : inferredFact('redirect-not-followed', {});
}
