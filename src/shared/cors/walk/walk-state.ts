/**
 * Shared state of one browser's walk over an exchange (see browser-walk.ts): its input, the rows it
 * has written, its first failure, and small helpers every stage uses.
 */
import type { BrowserName, ExchangeLeg, HttpHeader, ObservedExchange, ObservedPreflight, RequestMode } from '../../model/exchange.ts';
import type { Check, InferredFact, PreflightTrigger } from '../verdict.ts';
import type { Failure } from '../rules/failure.ts';
import type { LegContext } from '../rules/classify.ts';
import type { EvaluationMemo } from './evaluation-memo.ts';
import { LNA_NET_ERROR } from '../rules/local-network.ts';
import { asciiLower, getHeader } from '../../http/headers.ts';
import { splitList } from '../../http/list.ts';

export interface WalkInput {
  readonly browser: BrowserName;
  readonly x: ObservedExchange;
  readonly legs: readonly LegContext[];
  readonly mode: RequestMode;
  readonly requestOrigin: string | null;
  readonly credentialed: boolean;
  /** This browser recorded the exchange, so observed Origin headers are its own. */
  readonly isRecorder: boolean;
  readonly now: number;
  /**
   * Whether to build checklist rows. Only the recorder's rows are shown; the other browser's walk
   * is run for its failure alone and skips them.
   */
  readonly rows: boolean;
  /** Shared by every walk of one evaluation (see evaluation-memo.ts). */
  readonly memo: EvaluationMemo;
}

export interface WalkResult {
  readonly checks: Check[];
  readonly failure: Failure | null;
  /** Triggers of the first CORS leg. */
  readonly triggers: readonly PreflightTrigger[];
  readonly preflightNeeded: boolean;
  /** `Access-Control-Allow-Headers: *` was what let `Authorization` through. */
  readonly authorizationByWildcard: boolean;
  readonly inferred: InferredFact[];
}

/** Names from a request's `Access-Control-Request-Headers`, or null when absent/unseen. */
export function requestHeadersFromPreflight(pre: ObservedPreflight): string[] | null {
  if (pre.request.headersProvisional === true) return null;
  return splitList(getHeader(pre.request.headers, 'access-control-request-headers')).map(asciiLower);
}

/**
 * For a request never sent whose recorded headers are provisional (Chromium reports none for a
 * request its preflight stopped): the names its preflight's `Access-Control-Request-Headers`
 * lists; null when the headers were sent, or the preflight lists none.
 */
export function unseenRequestHeaderNames(leg: ExchangeLeg, pre: ObservedPreflight): string[] | null {
  if (leg.request.headersProvisional !== true || getHeader(pre.request.headers, 'access-control-request-headers') === null) return null;
  return requestHeadersFromPreflight(pre);
}

/** The origin the browser checks: the recorded `Origin` header when `input` is its recorder's walk, else `fallback`. */
export function observedOrigin(input: Pick<WalkInput, 'isRecorder'>, headers: readonly HttpHeader[], provisional: boolean | undefined, fallback: string | null): string | null {
  if (!input.isRecorder || provisional === true) return fallback;
  return getHeader(headers, 'origin') ?? fallback;
}

export class Walk {
  readonly checks: Check[] = [];
  readonly inferred: InferredFact[] = [];
  failure: Failure | null = null;
  authorizationByWildcard = false;

  constructor(readonly input: WalkInput) {}

  /** Record a checklist row; `build` runs at once, and only when this walk records rows. */
  row(build: () => Check): void {
    if (this.input.rows) this.checks.push(build());
  }

  fail(f: Failure): void {
    if (this.failure === null) this.failure = f;
  }

  get browser(): BrowserName {
    return this.input.browser;
  }
}

export function prefixFor(index: number, count: number, stage: 'preflight' | 'response'): string {
  if (count <= 1) return stage;
  const isLast = index === count - 1;
  return `leg${index}.${stage === 'response' && !isLast ? 'redirect' : stage}`;
}

/**
 * A network-level error string: not the generic CORS failure of either browser, and not
 * Chromium's Local Network Access refusal (a Chromium policy, which Firefox 153 does not have).
 */
export function isNetError(error: string | undefined): boolean {
  if (error === undefined) return false;
  if (error === 'net::ERR_FAILED' || error === 'NS_ERROR_DOM_BAD_URI' || error === LNA_NET_ERROR) return false;
  return /^net::ERR_|^NS_ERROR_/.test(error);
}
