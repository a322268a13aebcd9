/**
 * Maps Firefox's en-US CORS console text back to its security.properties key, so probes can print
 * the reason key (the console over WebDriver BiDi gives only the text). Order matters: the first
 * match wins, and "CORS request did not succeed" must come after the preflight variant.
 */

const REASONS: readonly (readonly [RegExp, string])[] = [
  [/Reason: CORS disabled\)/, 'CORSDisabled'],
  [/Reason: CORS header ‘Origin’ cannot be added\)/, 'CORSOriginHeaderNotAdded'],
  [/Reason: CORS request external redirect not allowed\)/, 'CORSExternalRedirectNotAllowed'],
  [/Reason: CORS request not http\)/, 'CORSRequestNotHttp'],
  [/Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)/, 'CORSMissingAllowOrigin2'],
  [/Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed\)/, 'CORSMultipleAllowOriginNotAllowed'],
  [/Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘(.*)’\)/, 'CORSAllowOriginNotMatchingOrigin'],
  [/Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘\*’\)/, 'CORSNotSupportingCredentials'],
  [/Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’\)/, 'CORSMissingAllowCredentials'],
  [/Reason: CORS preflight response did not succeed\)/, 'CORSPreflightDidNotSucceed3'],
  [/Reason: invalid token ‘(.*)’ in CORS header ‘Access-Control-Allow-Methods’\)/, 'CORSInvalidAllowMethod'],
  [/Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’\)/, 'CORSMethodNotFound'],
  [/Reason: invalid token ‘(.*)’ in CORS header ‘Access-Control-Allow-Headers’\)/, 'CORSInvalidAllowHeader'],
  [/Reason: header ‘(.*)’ is not allowed according to header ‘Access-Control-Allow-Headers’/, 'CORSMissingAllowHeaderFromPreflight2'],
  [/Reason: When the `Access-Control-Allow-Headers` is `\*`, the `Authorization` header is not covered/, 'CORSAllowHeaderFromPreflightDeprecation'],
  [/Reason: CORS request did not succeed\)/, 'CORSDidNotSucceed2'],
];

export interface FirefoxReason {
  key: string;
  /** The quoted parameter (ACAO value, header name, bad token), when the message has one. */
  param: string | null;
  /** The `Status code: N` at the end, when present. */
  status: string | null;
  /** The resource URL the message names. */
  url: string | null;
}

export function parseFirefoxCorsMessage(text: string): FirefoxReason | null {
  for (const [re, key] of REASONS) {
    const m = re.exec(text);
    if (!m) continue;
    const url = /remote resource at ‘?(\S+?)’?\.? \(Reason/.exec(text)?.[1] ?? null;
    const status = /Status code: ([^.]+)\./.exec(text)?.[1] ?? null;
    return { key, param: m[1] ?? null, status, url };
  }
  return null;
}
