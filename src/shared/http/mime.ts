/**
 * The essence of a MIME type per https://mimesniff.spec.whatwg.org/#parse-a-mime-type. Only the
 * type/subtype matter for CORS (https://fetch.spec.whatwg.org/#cors-safelisted-request-header);
 * parameters never make parsing fail.
 */
const TOKEN_CODE_POINTS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HTTP_WS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** `type/subtype` lower-cased, or null on failure. */
export function mimeEssence(input: string): string | null {
  const value = input.replace(HTTP_WS, '');
  const slash = value.indexOf('/');
  if (slash <= 0) return null;
  const type = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const semi = rest.indexOf(';');
  const subtype = (semi === -1 ? rest : rest.slice(0, semi)).replace(/[ \t\r\n]+$/, '');
  if (!TOKEN_CODE_POINTS.test(type) || subtype === '' || !TOKEN_CODE_POINTS.test(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}
