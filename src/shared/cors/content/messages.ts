/**
 * The console lines each browser prints for a failure. Templates verified in Chromium 156 (CDP
 * `Log.entryAdded`) and Firefox 153 (`Services.console`), see VERIFIED.md.
 */
import type { ChromiumCorsError, FirefoxReason } from '../codes.ts';
import type { Failure } from '../rules/failure.ts';
import { asciiLower } from '../../http/headers.ts';

export interface MessageContext {
  /** The first URL of the redirect chain. */
  readonly firstUrl: string;
  /** The page's origin as Chromium prints it (never the tainted `null`; verified). */
  readonly printedOrigin: string;
  readonly resourceType: string | undefined;
}

/** Chromium's `{kind}` word (Resource::ResourceTypeToString + initiator names, resource.cc). */
export function chromiumResourceKind(resourceType: string | undefined): string {
  switch (asciiLower(resourceType ?? '')) {
    case '':
    case 'fetch':
      return 'fetch';
    case 'xhr':
    case 'xmlhttprequest':
      return 'XMLHttpRequest';
    case 'script':
      return 'script';
    case 'image':
    case 'img':
      return 'image';
    case 'stylesheet':
    case 'css':
      return 'CSS stylesheet';
    case 'font':
      return 'font';
    case 'media':
    case 'video':
      return 'video';
    case 'audio':
      return 'audio';
    case 'manifest':
      return 'manifest';
    case 'texttrack':
    case 'track':
      return 'text track';
    case 'eventsource':
      return 'resource';
    default:
      return 'resource';
  }
}

const PREFLIGHT_PREFIXED: ReadonlySet<ChromiumCorsError> = new Set<ChromiumCorsError>([
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
]);

/** Chromium 156's list in the CorsDisabledScheme message (verified). */
export const CHROMIUM_CORS_SCHEMES = 'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app';

/**
 * The body after "has been blocked by CORS policy: ". Chromium 156 differs from older sources:
 * for fetch() the ACAO-value errors end with " Have the server send the header with a valid
 * value." only (no "no-cors" advice), and MissingAllowOriginHeader has no suffix at all.
 */
function chromiumBody(error: ChromiumCorsError, param: string, kind: string): string {
  const fetchSuffix = kind === 'fetch' ? ' Have the server send the header with a valid value.' : '';
  const xhrSuffix =
    kind === 'XMLHttpRequest' ? ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.' : '';
  switch (error) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      return "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return `The 'Access-Control-Allow-Origin' header contains multiple values '${param}', but only one is allowed.${fetchSuffix}`;
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return `The 'Access-Control-Allow-Origin' header contains the invalid value '${param}'.${fetchSuffix}`;
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return `The 'Access-Control-Allow-Origin' header has a value '${param}' that is not equal to the supplied origin.${fetchSuffix}`;
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return `The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.${xhrSuffix}`;
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${param}' which must be 'true' when the request's credentials mode is 'include'.${xhrSuffix}`;
    case 'PreflightInvalidStatus':
      return 'It does not have HTTP ok status.';
    case 'PreflightDisallowedRedirect':
      return 'Redirect is not allowed for a preflight request.';
    case 'InvalidAllowMethodsPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.';
    case 'MethodDisallowedByPreflightResponse':
      return `Method ${param} is not allowed by Access-Control-Allow-Methods in preflight response.`;
    case 'HeaderDisallowedByPreflightResponse':
      return `Request header field ${param} is not allowed by Access-Control-Allow-Headers in preflight response.`;
    case 'RedirectContainsCredentials':
      return `Redirect location '${param}' contains a username and password, which is disallowed for cross-origin requests.`;
    case 'CorsDisabledScheme':
      return `Cross origin requests are only supported for protocol schemes: ${CHROMIUM_CORS_SCHEMES}.`;
    case 'DisallowedByMode':
      return 'Cross origin requests are not allowed by request mode.';
    case 'InvalidResponse':
      return 'The response is invalid.';
    // LNA bodies name address spaces, not the (empty) failedParameter: see rules/local-network.ts,
    // which sets `chromiumBody`; these are the fallbacks when the spaces are unknown.
    case 'LocalNetworkAccessPermissionDenied':
      return 'Permission was denied for this request to access the `unknown` address space.';
    case 'InsecureLocalNetwork':
      return 'The request client is not a secure context and the resource is in more-private address space `unknown`.';
    case 'InvalidLocalNetworkAccess':
      return 'Request had a target IP address space of `unknown` yet the resource is in address space `unknown`.';
    case 'NoCorsRedirectModeNotFollow':
      return "Requests with mode 'no-cors' must use redirect mode 'follow'.";
    case 'PreflightMissingAllowExternal':
      return "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').";
    case 'PreflightInvalidAllowExternal':
      return `The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '${param}',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').`;
    default: {
      const _exhaustive: never = error;
      return _exhaustive;
    }
  }
}

/** `Access to {kind} at '{url}' [(redirected from '{first}') ]from origin '{origin}' has been blocked by CORS policy: …` */
export function chromiumMessage(failure: Failure, ctx: MessageContext): string | null {
  if (failure.consoleOverride !== undefined) return failure.consoleOverride;
  if (failure.corsError === null) return null;
  const kind = chromiumResourceKind(ctx.resourceType);
  const redirected = failure.url !== ctx.firstUrl ? ` (redirected from '${ctx.firstUrl}')` : '';
  const prefix = PREFLIGHT_PREFIXED.has(failure.corsError) ? "Response to preflight request doesn't pass access control check: " : '';
  const body = failure.chromiumBody ?? chromiumBody(failure.corsError, failure.failedParameter ?? '', kind);
  return `Access to ${kind} at '${failure.url}'${redirected} from origin '${ctx.printedOrigin}' has been blocked by CORS policy: ${prefix}${body}`;
}

function firefoxReasonText(reason: FirefoxReason, param: string): string {
  switch (reason) {
    case 'CORSDisabled':
      return '(Reason: CORS disabled).';
    case 'CORSDidNotSucceed':
      return `(Reason: CORS request did not succeed). Status code: ${param}.`;
    case 'CORSOriginHeaderNotAdded':
      return '(Reason: CORS header ‘Origin’ cannot be added).';
    case 'CORSExternalRedirectNotAllowed':
      return '(Reason: CORS request external redirect not allowed).';
    case 'CORSRequestNotHttp':
      return '(Reason: CORS request not http).';
    case 'CORSMissingAllowOrigin':
      return `(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: ${param}.`;
    case 'CORSMultipleAllowOriginNotAllowed':
      return '(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).';
    case 'CORSAllowOriginNotMatchingOrigin':
      return `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${param}’).`;
    case 'CORSNotSupportingCredentials':
      return '(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).';
    case 'CORSMissingAllowCredentials':
      return '(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).';
    case 'CORSPreflightDidNotSucceed':
      return `(Reason: CORS preflight response did not succeed). Status code: ${param}.`;
    case 'CORSInvalidAllowMethod':
      return `(Reason: invalid token ‘${param}’ in CORS header ‘Access-Control-Allow-Methods’).`;
    case 'CORSMethodNotFound':
      return '(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).';
    case 'CORSInvalidAllowHeader':
      return `(Reason: invalid token ‘${param}’ in CORS header ‘Access-Control-Allow-Headers’).`;
    case 'CORSMissingAllowHeaderFromPreflight':
      return `(Reason: header ‘${param}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`;
    default: {
      const _exhaustive: never = reason;
      return _exhaustive;
    }
  }
}

/** `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: …)` */
export function firefoxMessage(failure: Failure): string | null {
  if (failure.consoleOverride !== undefined) return failure.consoleOverride;
  if (failure.firefoxReason === null) return null;
  // CORSNotSupportingCredentials alone quotes the URL (verified).
  const at = failure.firefoxReason === 'CORSNotSupportingCredentials' ? `‘${failure.url}’` : failure.url;
  return `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${at}. ${firefoxReasonText(failure.firefoxReason, failure.firefoxParam ?? '')}`;
}

/** Firefox's warning when `Access-Control-Allow-Headers: *` lets `Authorization` through (verified in 153). */
export function firefoxAuthorizationWildcardWarning(url: string): string {
  return `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${url} soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`;
}
