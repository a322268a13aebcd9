/** Header names the Headers tab highlights as part of the CORS protocol. */
const CORS_RELEVANT = new Set([
  'origin',
  'vary',
  'cookie',
  'set-cookie',
  'authorization',
  'content-type',
  'location',
  'sec-fetch-mode',
  'sec-fetch-site',
  'access-control-request-private-network',
]);

export function isCorsRelevant(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('access-control-') || CORS_RELEVANT.has(lower);
}
