/**
 * Whether the recording browser sends a CORS-preflight for a request
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch). The capture asks it to know whether a
 * request must wait for a preflight, and whether one that never came means a preflight-cache hit.
 *
 * One decision, the evaluator's (`preflightTriggers` with the browser's own safelist), so the
 * capture and the verdict never disagree about whether a preflight was due: a tracker judging by
 * another rule would turn a preflight the browser had no reason to send into an inferred cache
 * hit the verdict cannot explain (or miss a real one).
 */
import type { BrowserName, ObservedRequest } from '../model/exchange.ts';
import { preflightTriggers } from '../cors/index.ts';

export function browserNeedsPreflight(request: ObservedRequest, browser: BrowserName): boolean {
  return preflightTriggers({ method: request.method, headers: request.headers, browser }).length > 0;
}
