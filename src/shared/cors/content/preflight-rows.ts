/**
 * The checklist rows of the preflight stage, in words, from the checks' results
 * (`rules/preflight-checks.ts`). Display only: nothing here decides.
 */
import type { BrowserName, ObservedResponse } from '../../model/exchange.ts';
import type { Check } from '../verdict.ts';
import type { HeadersMatch, MethodMatch, PreflightFailure } from '../rules/preflight-checks.ts';
import type { MaxAge } from '../../http/preflight-cache.ts';
import { check, SPEC } from './check-row.ts';
import { getHeader } from '../../http/headers.ts';

const BROWSER_NAME: Readonly<Record<BrowserName, string>> = { chromium: 'Chromium', firefox: 'Firefox' };

/** "X is not in `list`." — or, when the header is absent, says so instead of quoting nothing. */
function notListed(item: string, list: string | null, header: string): string {
  return list === null ? `${item} is not allowed: the answer has no ${header} header.` : `${item} is not in \`${list}\`.`;
}

export function networkErrorRow(prefix: string, error: string | undefined): Check {
  return check({
    id: `${prefix}.response`,
    title: 'The preflight got a response',
    status: 'fail',
    observed: error ?? null,
    expected: 'an HTTP response',
    detail: 'The OPTIONS request failed at the network level (connection refused or reset, DNS, TLS); no header can fix that.',
    code: 'preflight-network-error',
    spec: SPEC.preflight,
  });
}

export function redirectRow(prefix: string, response: ObservedResponse, failure: PreflightFailure | null): Check {
  return check({
    id: `${prefix}.redirect`,
    title: 'The preflight did not redirect',
    status: failure === null ? 'pass' : 'fail',
    observed: failure === null ? String(response.status) : `${response.status} → ${failure.value}`,
    expected: 'no redirect',
    detail:
      failure === null
        ? 'The preflight was answered without a redirect.'
        : 'A preflight must be answered directly; browsers never follow its redirects (often an http→https or trailing-slash redirect).',
    ...(failure === null ? {} : { code: failure.code }),
    spec: SPEC.preflight,
  });
}

/**
 * Firefox quirk: a preflight to the page's own origin (a redirect came back to it) gets no CORS
 * check; see the preflight stage.
 */
export function corsCheckSkippedRow(prefix: string, response: ObservedResponse, pageOrigin: string | null): Check {
  return check({
    id: `${prefix}.allow-origin`,
    title: 'Access-Control-Allow-Origin matches the origin',
    status: 'not-applicable',
    observed: getHeader(response.headers, 'access-control-allow-origin'),
    expected: 'not checked by Firefox here',
    detail: `The preflight went to the page's own origin (${pageOrigin ?? ''}) after a cross-origin redirect: Firefox does not check Access-Control-Allow-Origin or -Credentials on it (Chromium and the Fetch Standard do).`,
    spec: SPEC.preflight,
  });
}

export function statusRow(prefix: string, status: number, failure: PreflightFailure | null): Check {
  return check({
    id: `${prefix}.status`,
    title: 'The preflight status is 2xx',
    status: failure === null ? 'pass' : 'fail',
    observed: String(status),
    expected: '200–299 (e.g. 204)',
    detail:
      failure === null
        ? `Status ${status} is an ok status.`
        : `Status ${status} is not an ok status: the server (or a proxy) does not answer OPTIONS for this URL.`,
    ...(failure === null ? {} : { code: failure.code }),
    spec: SPEC.okStatus,
  });
}

/** The words of the two list-syntax rows, by the code each fails with. */
const LIST_SYNTAX: Readonly<
  Record<'invalid-allow-methods' | 'invalid-allow-headers', { step: string; header: string; expected: string; parses: string; invalid: (item: string) => string }>
> = {
  'invalid-allow-methods': {
    step: 'allow-methods-syntax',
    header: 'Access-Control-Allow-Methods',
    expected: 'comma-separated method tokens',
    parses: 'Every item is a method token.',
    invalid: (item) => `\`${item}\` is not a method token (no spaces, semicolons or quotes inside an item).`,
  },
  'invalid-allow-headers': {
    step: 'allow-headers-syntax',
    header: 'Access-Control-Allow-Headers',
    expected: 'comma-separated header names',
    parses: 'Every item is a header-name token.',
    invalid: (item) => `\`${item}\` is not a header name.`,
  },
};

/** Access-Control-Allow-Methods or -Allow-Headers parses (`list` names the code it would fail with). */
export function listSyntaxRow(prefix: string, list: keyof typeof LIST_SYNTAX, response: ObservedResponse, failure: PreflightFailure | null): Check {
  const words = LIST_SYNTAX[list];
  return check({
    id: `${prefix}.${words.step}`,
    title: `${words.header} parses`,
    status: failure === null ? 'pass' : 'fail',
    observed: getHeader(response.headers, words.header),
    expected: words.expected,
    detail: failure === null ? words.parses : words.invalid(failure.value),
    ...(failure === null ? {} : { code: failure.code }),
    spec: SPEC.preflight,
  });
}

function methodDetail(method: string, match: MethodMatch, items: readonly string[], response: ObservedResponse): string {
  switch (match.allowedBy) {
    case 'safelisted':
      return `${method} is a CORS-safelisted method.`;
    case 'listed':
      return `${method} is listed.`;
    case 'wildcard':
      return '`*` allows any method for a request without credentials.';
    case null:
      if (match.caseOnly !== null) return `Methods compare case-sensitively: the list has \`${match.caseOnly}\`, the request uses \`${method}\`.`;
      if (items.includes('*')) return '`*` is a literal method name for a credentialed request, not a wildcard.';
      return notListed(method, getHeader(response.headers, 'access-control-allow-methods'), 'Access-Control-Allow-Methods');
    default: {
      const _exhaustive: never = match.allowedBy;
      return _exhaustive;
    }
  }
}

export function methodRow(prefix: string, method: string, match: MethodMatch, items: readonly string[], response: ObservedResponse, credentialed: boolean): Check {
  return check({
    id: `${prefix}.method`,
    title: 'The method is allowed',
    status: match.failure === null ? 'pass' : 'fail',
    observed: method,
    expected: `\`${method}\` in Access-Control-Allow-Methods${credentialed ? '' : ' (or `*`)'}`,
    detail: methodDetail(method, match, items, response),
    ...(match.failure === null ? {} : { code: match.failure.code }),
    spec: SPEC.preflight,
  });
}

export interface HeadersRowInput {
  readonly unsafeNames: readonly string[];
  readonly match: HeadersMatch;
  /** Access-Control-Allow-Headers' items, lower-cased. */
  readonly items: readonly string[];
  readonly response: ObservedResponse;
  readonly credentialed: boolean;
  /** `*` has let Authorization through on this walk so far. */
  readonly authorizationByWildcard: boolean;
}

export function headersRow(prefix: string, input: HeadersRowInput): Check {
  const { unsafeNames, match, items, response, credentialed } = input;
  const none = unsafeNames.length === 0;
  const failure = match.failure;
  return check({
    id: `${prefix}.headers`,
    title: 'Every CORS-unsafe request header is allowed',
    status: none ? 'not-applicable' : failure === null ? 'pass' : 'fail',
    observed: none ? null : unsafeNames.join(','),
    expected: none ? 'no CORS-unsafe request headers' : `each of \`${unsafeNames.join(', ')}\` in Access-Control-Allow-Headers`,
    detail: none
      ? 'The request carries no CORS-unsafe headers.'
      : failure === null
        ? input.authorizationByWildcard
          ? '`*` covered every header, Authorization included: browsers allow this today, but the Fetch Standard says `*` never covers Authorization; list it explicitly.'
          : 'Every unsafe header is listed.'
        : `${notListed(`\`${failure.value}\``, getHeader(response.headers, 'access-control-allow-headers'), 'Access-Control-Allow-Headers').slice(0, -1)}${items.includes('*') && credentialed ? ' (`*` is literal for a credentialed request)' : ''}.`,
    ...(failure === null ? {} : { code: failure.code }),
    spec: SPEC.preflight,
  });
}

export function maxAgeRow(prefix: string, browser: BrowserName, maxAge: MaxAge): Check {
  const who = BROWSER_NAME[browser];
  const why = maxAge.parse === 'absent' ? ' (the default)' : maxAge.parse === 'invalid' ? ' (unparsable value, default used)' : maxAge.parse === 'capped' ? ' (capped)' : '';
  return check({
    id: `${prefix}.max-age`,
    title: 'Preflight cache lifetime',
    status: 'pass',
    observed: maxAge.raw,
    expected: 'a number of seconds (optional)',
    detail: maxAge.seconds === 0 ? `${who} will not reuse this answer; every such request is preflighted again.` : `${who} may reuse this answer for ${maxAge.seconds} s${why}.`,
    spec: SPEC.maxAge,
  });
}
