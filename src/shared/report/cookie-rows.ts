/**
 * The report's `cookies` field: the simulated jar's rows (src/shared/cookies/capture.ts) as
 * names and attributes. A row never carries a cookie's value: the `Set-Cookie` line is reduced
 * to its attributes, and a request row names the line that set the cookie the same way.
 */
import type { CaptureExchangeCookies } from '../cookies/capture.ts';
import { attributesOf } from '../cookies/set-cookie.ts';
import type { ExchangeCookies, RequestCookieRow, ResponseCookieRow } from '../cookies/jar.ts';
import type { ReportCookies, ReportRequestCookie, ReportResponseCookie } from './types.ts';

const iso = (ms: number): string | null => (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null);

function requestRow(r: RequestCookieRow): ReportRequestCookie {
  return {
    name: r.name,
    sent: r.sent,
    blockedReasons: r.blockedReasons,
    firefoxReasons: r.firefoxReasons,
    notes: r.notes,
    provenance: r.provenance,
    setBy: r.setBy === null ? null : { url: r.setBy.url, at: iso(r.setBy.at), attributes: attributesOf(r.setBy.line) },
  };
}

function responseRow(r: ResponseCookieRow): ReportResponseCookie {
  return {
    name: r.name,
    stored: r.stored,
    blockedReasons: r.blockedReasons,
    firefoxReasons: r.firefoxReasons,
    notes: r.notes,
    provenance: r.provenance,
    attributes: attributesOf(r.line),
  };
}

const rowsOf = (rows: ExchangeCookies): Pick<ReportCookies, 'request' | 'response'> => ({
  request: rows.request.map(requestRow),
  response: rows.response.map(responseRow),
});

export const NO_COOKIES: ReportCookies = { request: [], response: [], otherReading: null, credentials: { reading: 'unknown', proof: null, withheld: [] } };

export function reportCookies(rows: CaptureExchangeCookies | undefined): ReportCookies {
  if (rows === undefined) return NO_COOKIES;
  return { ...rowsOf(rows), otherReading: rows.otherReading === null ? null : rowsOf(rows.otherReading), credentials: rows.credentials };
}
