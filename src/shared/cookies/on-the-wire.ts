/**
 * What a recorded hop shows of cookies, read one way by the jar simulation (capture.ts), the
 * worker's browser-jar reads (src/background/jar-watch.ts) and the panel's cookie badge.
 */
import { hasHeader, headerValues } from '../http/headers.ts';
import type { ExchangeLeg, HttpHeader, ObservedExchange } from '../model/exchange.ts';

/** The request's `Cookie` header (several joined with `; `), or null without one. */
export function cookieHeaderOf(headers: readonly HttpHeader[]): string | null {
  const values = headerValues(headers, 'cookie');
  return values.length > 0 ? values.join('; ') : null;
}

/** The response's `Set-Cookie` lines: some recorders fold several into one value, separated by newlines. */
export function setCookieLinesOf(headers: readonly HttpHeader[]): string[] {
  return headerValues(headers, 'set-cookie')
    .flatMap((v) => v.split('\n'))
    .filter((l) => l.trim() !== '');
}

/** Whether the hop shows a cookie: a `Cookie` header, a `Set-Cookie` line or the browser's jar. */
function legHoldsCookies(leg: ExchangeLeg): boolean {
  return leg.browserJar !== undefined || hasHeader(leg.request.headers, 'cookie') || (leg.response !== null && hasHeader(leg.response.headers, 'set-cookie'));
}

/** Whether any hop of `x` shows a cookie; a capture where none does has an empty jar under every setting. */
export function holdsCookies(x: ObservedExchange): boolean {
  return x.legs.some(legHoldsCookies);
}
