/** Cheap URL splits for display and filtering, where a full parse is not wanted. */

/**
 * Splits an absolute URL at the end of its authority, without a full parse: `origin` is
 * `scheme://authority` lower-cased (ports and IDNA as written, not serialized: use `originOf` for
 * an origin to compare), `path` the rest, `/` when empty. A URL without `://` is all path.
 */
export function splitUrl(url: string): { origin: string; path: string } {
  const scheme = url.indexOf('://');
  if (scheme === -1) return { origin: '', path: url };
  const slash = url.indexOf('/', scheme + 3);
  const query = url.indexOf('?', scheme + 3);
  const end = slash === -1 ? (query === -1 ? url.length : query) : query === -1 ? slash : Math.min(slash, query);
  const path = url.slice(end);
  return { origin: url.slice(0, end).toLowerCase(), path: path === '' || path.startsWith('?') ? `/${path}` : path };
}
