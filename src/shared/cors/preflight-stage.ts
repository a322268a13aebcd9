/**
 * The CORS-preflight stage (https://fetch.spec.whatwg.org/#cors-preflight-fetch) in each
 * browser's own order, for an observed preflight, a cache hit, or a preflight nobody saw.
 */
import type { ExchangeLeg, HttpHeader, ObservedPreflight } from '../model/exchange.ts';
import type { Check } from './verdict.ts';
import type { LegContext } from './classify.ts';
import type { Walk } from './walk.ts';
import { observedOrigin } from './walk.ts';
import { isRedirect } from '../http/redirect.ts';
import { isOkStatus } from '../http/status.ts';
import { LNA_NET_ERROR } from './local-network.ts';
import { runAccessCheck } from './access-rows.ts';
import { check, failure, SPEC } from './checks.ts';
import { inferredFact } from './facts.ts';
import { coverageOfLists, isFresh, maxAgeFor } from '../http/preflight-cache.ts';
import { isCorsSafelistedMethod, isNonWildcardRequestHeaderName } from '../http/safelist.ts';
import { asciiLower, getHeader } from '../http/headers.ts';
import { sameOrigin } from '../http/origin.ts';

/** `names` (sorted) in a recorded header list's order; names it does not hold come last, sorted. */
function inListOrder(names: readonly string[], headers: readonly HttpHeader[]): readonly string[] {
  const position = new Map<string, number>();
  headers.forEach((h, i) => {
    const lower = asciiLower(h.name);
    if (!position.has(lower)) position.set(lower, i);
  });
  // Array.prototype.sort is stable: unrecorded names keep their sorted order at the end.
  return [...names].sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity));
}

export interface HeaderOrder {
  readonly names: readonly string[];
  /** The leg's own recorded request headers hold every name, so Chromium's order is observed. */
  readonly observed: boolean;
}

/**
 * `names` (sorted) in the order Chromium checks them against Access-Control-Allow-Headers: the
 * order of the request's own header list (Blink's header map, then net::HttpRequestHeaders),
 * which a recording shows in a leg's provisional headers (and webRequest in every leg), so
 * HeaderDisallowedByPreflightResponse names the first missing one in that order. Verified in
 * Chromium 156 by the lab's differential fuzzing: recorded [Range, Content-Language, Content-Type]
 * → `range`; [Cache-Control, Accept, Content-Type] → `cache-control`; and after a redirect the
 * same page headers keep the first request's order ([X-Custom, …, Range, Content-Type] →
 * `x-custom` on both legs). Firefox keeps the sorted list.
 *
 * A redirect hop blocked at its preflight is recorded without the page's headers, so its order
 * falls back to the earliest leg that holds them — in a DevTools HAR that leg was sent, and its raw
 * headers are listed sorted, not in Chromium's order: then `observed` is false.
 */
export function chromiumHeaderOrder(names: readonly string[], legs: readonly ExchangeLeg[], index: number): HeaderOrder {
  if (names.length <= 1) return { names, observed: true };
  const holdsAll = (leg: ExchangeLeg | undefined): boolean => {
    if (leg === undefined) return false;
    const present = new Set(leg.request.headers.map((h) => asciiLower(h.name)));
    return names.every((n) => present.has(n));
  };
  const own = legs[index];
  if (own !== undefined && holdsAll(own)) return { names: inListOrder(names, own.request.headers), observed: true };
  const earlier = legs.slice(0, index).find(holdsAll);
  return { names: earlier === undefined ? names : inListOrder(names, earlier.request.headers), observed: false };
}

/** The preflight stage for one observed preflight, in the browser's own order. */
export function observedPreflight(
  w: Walk,
  ctx: LegContext,
  pre: ObservedPreflight,
  prefix: string,
  unsafeNames: readonly string[],
  method: string,
): void {
  const b = w.browser;
  const url = ctx.url;
  const response = pre.response;
  // Chromium's Local Network Access checks refuse the request before its preflight leaves the
  // browser (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS on the OPTIONS, verified in
  // Chromium 156); Firefox 153 has no such check and would send the OPTIONS (verified: the same
  // lab fetch passes in Firefox). The server's answer is not in the recording, so Firefox's
  // preflight is not judged. https://wicg.github.io/local-network-access/
  if (response === null && b === 'firefox' && pre.error === LNA_NET_ERROR) return;
  if (response === null) {
    w.row(() =>
      check({
        id: `${prefix}.response`,
        title: 'The preflight got a response',
        status: 'fail',
        observed: pre.error ?? null,
        expected: 'an HTTP response',
        detail: 'The OPTIONS request failed at the network level (connection refused or reset, DNS, TLS); no header can fix that.',
        code: 'preflight-network-error',
        spec: SPEC.preflight,
      }),
    );
    const net = pre.error ?? w.input.x.outcome.error;
    w.fail(
      failure(b, 'preflight-network-error', url, 'observed', {
        firefoxReason: 'CORSDidNotSucceed',
        firefoxParam: '(null)',
        ...(b === 'chromium' ? { consoleOverride: net !== undefined && net.startsWith('net::') ? `Failed to load resource: ${net}` : null } : {}),
      }),
    );
    return;
  }
  const origin = observedOrigin(w.input, pre.request.headers, pre.request.headersProvisional, ctx.preflightOrigin[b]);
  const redirect = isRedirect(response);
  const redirectRow = (): void => {
    w.row(() =>
      check({
        id: `${prefix}.redirect`,
        title: 'The preflight did not redirect',
        status: redirect ? 'fail' : 'pass',
        observed: redirect ? `${response.status} → ${getHeader(response.headers, 'location') ?? ''}` : String(response.status),
        expected: 'no redirect',
        detail: redirect
          ? 'A preflight must be answered directly; browsers never follow its redirects (often an http→https or trailing-slash redirect).'
          : 'The preflight was answered without a redirect.',
        ...(redirect ? { code: 'preflight-redirect' as const } : {}),
        spec: SPEC.preflight,
      }),
    );
    if (redirect) {
      w.fail(failure(b, 'preflight-redirect', url, 'observed', { firefoxReason: 'CORSExternalRedirectNotAllowed' }));
    }
  };
  // Chromium checks the redirect before the CORS check; Firefox after it (verified: a 302 preflight
  // without ACAO is PreflightDisallowedRedirect in Chromium, CORSMissingAllowOrigin `302` in Firefox).
  if (b === 'chromium') {
    redirectRow();
    if (w.failure !== null) return;
  }
  // The CORS check uses the actual request's credentials mode (spec: "CORS check for request").
  if (b === 'firefox' && sameOrigin(w.input.requestOrigin, ctx.urlOrigin)) {
    // Firefox quirk: a preflight to the page's own origin (a redirect came back to it, so the
    // request is tainted) gets no CORS check: ACAO and ACAC are not read, while status, methods
    // and headers still are. Verified in Firefox 153 (lab fuzzing, then probes): ACAO absent,
    // `*` with credentials, or another origin all pass; a 404 is CORSPreflightDidNotSucceed. The
    // spec checks it like any preflight (https://fetch.spec.whatwg.org/#cors-preflight-fetch);
    // Chromium does.
    w.row(() =>
      check({
        id: `${prefix}.allow-origin`,
        title: 'Access-Control-Allow-Origin matches the origin',
        status: 'not-applicable',
        observed: getHeader(response.headers, 'access-control-allow-origin'),
        expected: 'not checked by Firefox here',
        detail: `The preflight went to the page's own origin (${ctx.urlOrigin ?? ''}) after a cross-origin redirect: Firefox does not check Access-Control-Allow-Origin or -Credentials on it (Chromium and the Fetch Standard do).`,
        spec: SPEC.preflight,
      }),
    );
  } else {
    runAccessCheck(w, prefix, response.headers, response.status, origin, url, true, 'observed');
    if (w.failure !== null) return;
  }
  if (b === 'firefox') {
    redirectRow();
    if (w.failure !== null) return;
  }
  // Both browsers report the CORS-check error rather than the status error (verified: 404 without
  // ACAO → PreflightMissingAllowOriginHeader / CORSMissingAllowOrigin `404`). The spec joins the
  // two conditions with "and", without an order.
  const ok = isOkStatus(response.status);
  w.row(() =>
    check({
      id: `${prefix}.status`,
      title: 'The preflight status is 2xx',
      status: ok ? 'pass' : 'fail',
      observed: String(response.status),
      expected: '200–299 (e.g. 204)',
      detail: ok
        ? `Status ${response.status} is an ok status.`
        : `Status ${response.status} is not an ok status: the server (or a proxy) does not answer OPTIONS for this URL.`,
      ...(ok ? {} : { code: 'preflight-invalid-status' as const }),
      spec: SPEC.okStatus,
    }),
  );
  if (!ok) {
    w.fail(failure(b, 'preflight-invalid-status', url, 'observed', { firefoxReason: 'CORSPreflightDidNotSucceed', firefoxParam: String(response.status) }));
    return;
  }
  const methods = w.input.memo.tokenList(response.headers, 'access-control-allow-methods');
  const headers = w.input.memo.tokenList(response.headers, 'access-control-allow-headers');
  const methodsRow = (): void => {
    const bad = methods !== null && !methods.ok ? methods.invalid : null;
    w.row(() =>
      check({
        id: `${prefix}.allow-methods-syntax`,
        title: 'Access-Control-Allow-Methods parses',
        status: bad === null ? 'pass' : 'fail',
        observed: getHeader(response.headers, 'access-control-allow-methods'),
        expected: 'comma-separated method tokens',
        detail: bad === null ? 'Every item is a method token.' : `\`${bad}\` is not a method token (no spaces, semicolons or quotes inside an item).`,
        ...(bad === null ? {} : { code: 'invalid-allow-methods' as const }),
        spec: SPEC.preflight,
      }),
    );
    if (bad !== null) {
      w.fail(failure(b, 'invalid-allow-methods', url, 'observed', { chromiumParam: '', firefoxReason: 'CORSInvalidAllowMethod', firefoxParam: bad }));
    }
  };
  const headersRow = (): void => {
    const bad = headers !== null && !headers.ok ? headers.invalid : null;
    w.row(() =>
      check({
        id: `${prefix}.allow-headers-syntax`,
        title: 'Access-Control-Allow-Headers parses',
        status: bad === null ? 'pass' : 'fail',
        observed: getHeader(response.headers, 'access-control-allow-headers'),
        expected: 'comma-separated header names',
        detail: bad === null ? 'Every item is a header-name token.' : `\`${bad}\` is not a header name.`,
        ...(bad === null ? {} : { code: 'invalid-allow-headers' as const }),
        spec: SPEC.preflight,
      }),
    );
    if (bad !== null) {
      w.fail(failure(b, 'invalid-allow-headers', url, 'observed', { chromiumParam: '', firefoxReason: 'CORSInvalidAllowHeader', firefoxParam: bad }));
    }
  };
  const methodRow = (): void => {
    const items = methods?.items ?? [];
    const safelisted = isCorsSafelistedMethod(method);
    const exact = items.includes(method);
    const wildcard = !w.input.credentialed && items.includes('*');
    const allowed = safelisted || exact || wildcard;
    const caseOnly = !allowed && items.some((m) => m.toUpperCase() === method.toUpperCase());
    w.row(() =>
      check({
        id: `${prefix}.method`,
        title: 'The method is allowed',
        status: allowed ? 'pass' : 'fail',
        observed: method,
        expected: `\`${method}\` in Access-Control-Allow-Methods${w.input.credentialed ? '' : ' (or `*`)'}`,
        detail: safelisted
          ? `${method} is a CORS-safelisted method.`
          : exact
            ? `${method} is listed.`
            : wildcard
              ? '`*` allows any method for a request without credentials.'
              : caseOnly
                ? `Methods compare case-sensitively: the list has \`${items.find((m) => m.toUpperCase() === method.toUpperCase()) ?? ''}\`, the request uses \`${method}\`.`
                : items.includes('*')
                  ? '`*` is a literal method name for a credentialed request, not a wildcard.'
                  : `${method} is not in \`${getHeader(response.headers, 'access-control-allow-methods') ?? '(absent)'}\`.`,
        ...(allowed ? {} : { code: 'method-disallowed-by-preflight' as const }),
        spec: SPEC.preflight,
      }),
    );
    if (!allowed) w.fail(failure(b, 'method-disallowed-by-preflight', url, 'observed', { chromiumParam: method, firefoxReason: 'CORSMethodNotFound' }));
  };
  const headerRow = (): void => {
    const items = (headers?.items ?? []).map(asciiLower);
    const wildcard = !w.input.credentialed && items.includes('*');
    let missing: string | null = null;
    const order: HeaderOrder = b === 'chromium' ? chromiumHeaderOrder(unsafeNames, w.input.x.legs, ctx.index) : { names: unsafeNames, observed: true };
    const candidates: string[] = [];
    for (const name of order.names) {
      if (items.includes(name)) continue;
      if (wildcard) {
        // The spec never lets `*` cover Authorization (#cors-non-wildcard-request-header-name).
        // Chromium 156 and Firefox 153 both still do (verified); Firefox logs a deprecation warning.
        if (isNonWildcardRequestHeaderName(name)) w.authorizationByWildcard = true;
        continue;
      }
      candidates.push(name);
    }
    missing = candidates[0] ?? null;
    if (missing !== null && !order.observed && candidates.length > 1) {
      w.inferred.push(inferredFact('header-order-unrecorded', { header: missing, candidates }, { url }));
    }
    w.row(() =>
      check({
        id: `${prefix}.headers`,
        title: 'Every CORS-unsafe request header is allowed',
        status: unsafeNames.length === 0 ? 'not-applicable' : missing === null ? 'pass' : 'fail',
        observed: unsafeNames.length === 0 ? null : unsafeNames.join(','),
        expected: unsafeNames.length === 0 ? 'no CORS-unsafe request headers' : `each of \`${unsafeNames.join(', ')}\` in Access-Control-Allow-Headers`,
        detail:
          unsafeNames.length === 0
            ? 'The request carries no CORS-unsafe headers.'
            : missing === null
              ? w.authorizationByWildcard
                ? '`*` covered every header, Authorization included: browsers allow this today, but the Fetch Standard says `*` never covers Authorization; list it explicitly.'
                : 'Every unsafe header is listed.'
              : `\`${missing}\` is not in \`${getHeader(response.headers, 'access-control-allow-headers') ?? '(absent)'}\`${items.includes('*') && w.input.credentialed ? ' (`*` is literal for a credentialed request)' : ''}.`,
        ...(missing === null ? {} : { code: 'header-disallowed-by-preflight' as const }),
        spec: SPEC.preflight,
      }),
    );
    if (missing !== null) {
      w.fail(failure(b, 'header-disallowed-by-preflight', url, 'observed', { chromiumParam: missing, firefoxReason: 'CORSMissingAllowHeaderFromPreflight', firefoxParam: missing }));
    }
  };
  if (b === 'chromium') {
    // Chromium parses both lists before matching either (verified: an invalid ACAH wins over a
    // method that ACAM does not list).
    methodsRow();
    headersRow();
    if (w.failure !== null) return;
    methodRow();
    headerRow();
  } else {
    // Firefox parses and matches ACAM, then ACAH (verified: CORSMethodNotFound wins over an
    // invalid ACAH token).
    methodsRow();
    if (w.failure === null) methodRow();
    if (w.failure !== null) return;
    headersRow();
    if (w.failure === null) headerRow();
  }
  if (w.failure !== null) return;
  const maxAge = maxAgeFor(b, response.headers);
  w.row(() =>
    check({
      id: `${prefix}.max-age`,
      title: 'Preflight cache lifetime',
      status: 'pass',
      observed: maxAge.raw,
      expected: 'a number of seconds (optional)',
      detail:
        maxAge.seconds === 0
          ? `${b === 'chromium' ? 'Chromium' : 'Firefox'} will not reuse this answer; every such request is preflighted again.`
          : `${b === 'chromium' ? 'Chromium' : 'Firefox'} may reuse this answer for ${maxAge.seconds} s${maxAge.parse === 'absent' ? ' (the default)' : maxAge.parse === 'invalid' ? ' (unparsable value, default used)' : maxAge.parse === 'capped' ? ' (capped)' : ''}.`,
      spec: SPEC.maxAge,
    }),
  );
}

/** The preflight stage when no preflight was seen on the wire. */
export function unseenPreflight(w: Walk, leg: ExchangeLeg, prefix: string, unsafeNames: readonly string[], method: string): void {
  const pre = leg.preflight;
  if (pre !== null && pre.kind === 'cache-hit') {
    const source = pre.sourceResponse;
    let detail = 'No preflight reached the network: a CORS-preflight cache hit. The cached answer must have allowed this request.';
    let status: Check['status'] = 'pass';
    if (source !== undefined) {
      const coverage = coverageOfLists(
        w.browser,
        {
          response: source.headers,
          entryCredentials: w.input.credentialed,
          method,
          unsafeHeaderNames: unsafeNames,
          credentialed: w.input.credentialed,
        },
        (name) => w.input.memo.tokenList(source.headers, name),
      );
      if (!coverage.covered) {
        status = 'unknown';
        detail = `The earlier preflight's answer does not cover this request (${coverage.why}${coverage.item === undefined ? '' : ` \`${coverage.item}\``}); another preflight must have created the entry.`;
      }
      const startedAt = leg.request.startedAt ?? w.input.now;
      const cachedAt = pre.cachedAt ?? source.receivedAt;
      if (cachedAt !== undefined && !isFresh(cachedAt, maxAgeFor(w.browser, source.headers), startedAt)) {
        status = 'unknown';
        detail += ` By ${w.browser === 'chromium' ? 'Chromium' : 'Firefox'}'s Max-Age rules the entry would already have expired.`;
      }
    }
    w.row(() =>
      check({
        id: `${prefix}.cache`,
        title: 'A cached preflight covered the request',
        status,
        observed: null,
        expected: 'a fresh preflight-cache entry for this origin, URL, method and headers',
        detail,
        provenance: 'inferred',
        spec: SPEC.preflightCache,
      }),
    );
    return;
  }
  const sent = leg.response !== null;
  w.row(() =>
    check({
      id: `${prefix}.seen`,
      title: 'The preflight',
      status: sent ? 'pass' : 'unknown',
      observed: null,
      expected: 'an OPTIONS preflight, or a fresh preflight-cache entry',
      detail: sent
        ? 'No preflight was recorded, yet the request went out: the preflight passed or a cached one covered it (some recorders, e.g. Chrome webRequest without extraHeaders, never see preflights).'
        : 'No preflight was recorded and the request never completed; the preflight may have failed out of sight.',
      provenance: 'inferred',
      spec: SPEC.preflight,
    }),
  );
}
