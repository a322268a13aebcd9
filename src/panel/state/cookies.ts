/**
 * The Cookies tab's rows: every `Cookie` request header and `Set-Cookie` response header of an
 * exchange (preflights included), parsed, with where each came from.
 */
import type { ObservedExchange } from '../../shared/model/exchange.ts';
import { headerValues } from '../../shared/http/headers.ts';
import { parseCookieHeader, parseSetCookie, type RequestCookie, type SetCookie } from '../../shared/cookies/parse.ts';

export interface SentCookie extends RequestCookie {
  /** `GET http://…` of the request that carried it. */
  readonly sentWith: string;
}

export interface ReceivedCookie {
  readonly cookie: SetCookie;
  /** `302 http://…` (or `preflight 204 http://…`) of the response that set it. */
  readonly setBy: string;
}

export interface ExchangeCookies {
  readonly sent: readonly SentCookie[];
  readonly received: readonly ReceivedCookie[];
}

export function exchangeCookies(exchange: ObservedExchange): ExchangeCookies {
  const sent: SentCookie[] = [];
  const received: ReceivedCookie[] = [];
  for (const leg of exchange.legs) {
    const pairs = [
      ...(leg.preflight?.kind === 'observed' ? [{ request: leg.preflight.request, response: leg.preflight.response, label: 'preflight ' }] : []),
      { request: leg.request, response: leg.response, label: '' },
    ];
    for (const { request, response, label } of pairs) {
      const sentWith = `${request.method} ${request.url}`;
      for (const value of headerValues(request.headers, 'cookie')) {
        for (const cookie of parseCookieHeader(value)) sent.push({ ...cookie, sentWith });
      }
      if (!response) continue;
      for (const line of headerValues(response.headers, 'set-cookie')) {
        // Some recorders fold several Set-Cookie lines into one value separated by newlines.
        for (const part of line.split('\n')) {
          const cookie = parseSetCookie(part);
          if (cookie) received.push({ cookie, setBy: `${label}${response.status} ${request.url}` });
        }
      }
    }
  }
  return { sent, received };
}
