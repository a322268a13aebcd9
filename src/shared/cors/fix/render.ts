/**
 * Everything a person reads about a fix is rendered from its structure: the lines "which response
 * gets which header", and the server configuration (`CorsPolicy`) the snippets render, which
 * lists every method and header the capture shows the server allowing so a framework that
 * replaces its lists keeps allowing them.
 */
import type { ObservedExchange } from '../../model/exchange.ts';
import type { CorsPolicy } from '../content/snippets.ts';
import type { ServerEvidence } from './evidence.ts';
import { unionBy } from './evidence.ts';
import type { ServerChange } from './types.ts';
import { splitHeaderLine } from './types.ts';
import { requestOriginOf } from '../rules/classify.ts';
import { asciiLower } from '../../http/headers.ts';
import { splitList } from '../../http/list.ts';
import { isTupleOrigin, originOf } from '../../http/origin.ts';

/** "Preflight OPTIONS <url>" or "Response to PUT <url>". */
export function changeTarget(change: ServerChange): string {
  return change.method === 'OPTIONS' ? `Preflight answer (OPTIONS ${change.url})` : `Response to ${change.method} ${change.url}`;
}

/** One change as the lines a server owner reads: which response, its status when it must change, then the header lines. */
export function changeLines(change: ServerChange): string[] {
  const status = change.status === undefined ? '' : `, status ${change.status}`;
  const unrecorded = change.unrecorded === true ? ' (not in the recording: it must carry these)' : '';
  return [`${changeTarget(change)}${status}${unrecorded}:`, ...change.headers.map((line) => `  ${line}`)];
}

/** The whole fix as text lines, one block per response. */
export function serverFixLines(changes: readonly ServerChange[]): string[] {
  return changes.flatMap(changeLines);
}

/** Every value of `name` in the changes' header lines, as list items. */
function itemsOf(changes: readonly ServerChange[], name: string): string[] {
  return changes.flatMap((c) =>
    c.headers.flatMap((line) => {
      const parts = splitHeaderLine(line);
      return parts !== null && asciiLower(parts.name) === name ? splitList(parts.value) : [];
    }),
  );
}

/**
 * The server configuration that sends what `changes` say for this exchange, and keeps allowing
 * what the capture shows the server allowing on that origin (`evidence`): the origin the fix
 * names (else the page's), credentials when the fix (or the request) needs them, every method
 * and header name allowed, and an OPTIONS answer of its own when a preflight answer changes.
 */
export function fixPolicy(x: ObservedExchange, changes: readonly ServerChange[], credentialed: boolean, evidence: ServerEvidence): CorsPolicy {
  const named = itemsOf(changes, 'access-control-allow-origin')[0];
  const page = requestOriginOf(x).origin;
  const target = originOf(x.legs[x.legs.length - 1]?.request.url ?? '') ?? '';
  const allowed = evidence.atOrigin(target);
  const preflightChanged = changes.some((c) => c.method === 'OPTIONS');
  const anyPreflight = preflightChanged || x.legs.some((l) => l.preflight !== null);
  return {
    allowOrigin: named ?? (isTupleOrigin(page) ? page : '*'),
    allowCredentials: credentialed || itemsOf(changes, 'access-control-allow-credentials').length > 0,
    allowMethods: anyPreflight ? unionBy((m) => m, allowed.methods, itemsOf(changes, 'access-control-allow-methods')).filter((m) => m !== '*' || !credentialed) : [],
    allowHeaders: anyPreflight ? unionBy(asciiLower, allowed.headers, itemsOf(changes, 'access-control-allow-headers')) : [],
    answerPreflight: preflightChanged,
  };
}
