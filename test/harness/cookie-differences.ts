/**
 * Comparing cookie rows (src/shared/cookies/jar.ts) with what the browser reported for the same
 * request (Chromium over CDP, Firefox in its console and on the wire): the differential cookie
 * tests, from a HAR and from the live extension, share it.
 * Every difference is collected instead of stopping at the first.
 */
import type { ChromiumCookieExchange } from '../../lab/probe-cookies-chromium.ts';
import type { FirefoxCookieStep } from '../../lab/probe-cookies-firefox.ts';
import type { ExchangeCookies, RequestCookieRow } from '../../src/shared/cookies/jar.ts';
import { namesLine, type FirefoxCookieMessage } from './firefox-cookies.ts';

export const sorted = (xs: readonly string[]): string[] => [...xs].sort();
export const same = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** A row about this run's cookies (its name, or the line that set it, carries the run id). */
export const mineRow = (run: string) => (r: RequestCookieRow): boolean => r.name.includes(run) || (r.setBy?.line.includes(run) ?? false);

/** Compares rows and jars; collects every difference instead of stopping at the first. */
export class Differences {
  readonly list: string[] = [];
  compared = 0;
  check(ok: boolean, what: () => string): void {
    this.compared++;
    if (!ok) this.list.push(what());
  }
}

/**
 * One request's rows against CDP: each `Set-Cookie` line's reasons against
 * `responseReceivedExtraInfo.blockedCookies` (`lines` are the lines the rows were made from, in
 * order); each cookie CDP considered (`associatedCookies`) must be a row with the same sent flag
 * and reasons, and no other row about this run may exist.
 */
export function compareWithCdp(where: string, run: string, x: ChromiumCookieExchange, rows: ExchangeCookies, lines: readonly string[], d: Differences): void {
  rows.response.forEach((row, i) => {
    const line = lines[i] ?? '';
    const cdp = x.blockedCookies.find((b) => b.cookieLine === line)?.blockedReasons ?? [];
    d.check(same(row.blockedReasons, cdp), () => `${where} set ${line.slice(0, 60)}: engine ${row.blockedReasons.join('+') || 'none'}, CDP ${cdp.join('+') || 'none'}`);
  });
  const engine = new Map(rows.request.filter(mineRow(run)).map((r) => [r.name, r]));
  for (const a of x.associatedCookies) {
    const row = engine.get(a.cookie.name);
    engine.delete(a.cookie.name);
    const want = `${a.blockedReasons.length === 0} ${sorted(a.blockedReasons).join('+')}`;
    const got = row ? `${row.sent} ${sorted(row.blockedReasons).join('+')}` : 'no row';
    d.check(want === got, () => `${where} request ${a.cookie.name}: engine ${got}, CDP ${want}`);
  }
  for (const extra of engine.keys()) d.check(false, () => `${where} request ${extra}: engine has a row, CDP considered no such cookie`);
}

/**
 * One request's rows against Firefox: each `Set-Cookie` line's Firefox reasons against the
 * console keys naming it (`messages`, parsed), and the cookies the rows say were sent against
 * the `Cookie` header on the wire (`w`).
 */
export function compareWithFirefox(where: string, run: string, w: FirefoxCookieStep['sent'][number], rows: ExchangeCookies, messages: readonly FirefoxCookieMessage[], d: Differences): void {
  rows.response.forEach((row, i) => {
    const line = w.setCookie[i] ?? '';
    const logged = messages.filter((m) => namesLine(m.subject, row.name, line)).map((m) => m.key);
    d.check(same(row.firefoxReasons, logged), () => `${where} set ${line.slice(0, 60)}: engine ${row.firefoxReasons.join('+') || 'none'}, console ${logged.join('+') || 'none'}`);
  });
  const predicted = rows.request.filter(mineRow(run)).filter((r) => r.sent).map((r) => r.name);
  const wire = (w.cookie ?? '').split(';').map((p) => p.trim()).filter((p) => p.includes(run)).map((p) => p.split('=')[0] ?? '');
  d.check(same(predicted, wire), () => `${where} sent: engine ${predicted.join(', ')}; wire ${wire.join(', ')}`);
}
