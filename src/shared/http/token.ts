/**
 * RFC 9110 `token` (https://www.rfc-editor.org/rfc/rfc9110#name-tokens), which the Fetch Standard
 * uses for methods and header names (https://fetch.spec.whatwg.org/#concept-method,
 * https://fetch.spec.whatwg.org/#header-name).
 */
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return TCHAR.test(value);
}
