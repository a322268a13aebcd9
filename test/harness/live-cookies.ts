/**
 * Judging the live extension's cookie rows: the rows the panel and the report show for a live
 * capture (`logCookies`, src/panel/state/cookies.ts, over the records the worker sent, under the
 * setting the worker read), matched to the lab's cookie-lesson requests by URL.
 *
 * webRequest does not show fetch()'s credentials mode. Where the live rows of an exchange differ
 * from the browser's, the exchange is decided again with that one field (`credentialsMode`)
 * taken from the lesson's step — only for a record that lacks it — and must then agree; such
 * exchanges are listed in `excused`. Requests to the page's own origin are not CORS and never
 * recorded (src/shared/capture/tracker.ts drops them); they are listed in `notRecorded`.
 */
import { cookieScenarios as LESSONS } from '../../lab/scenarios-cookies.ts';
import type { Step } from '../../lab/types.ts';
import { parseScenarioPath } from '../../lab/urls.ts';
import type { KnownCookieSetting } from '../../src/shared/cookies/browser-setting.ts';
import type { CaptureCookies } from '../../src/shared/cookies/capture.ts';
import type { ExchangeCookies } from '../../src/shared/cookies/jar.ts';
import type { CredentialsMode } from '../../src/shared/model/exchange.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { logCookies } from '../../src/panel/state/cookies.ts';
import { Differences } from './cookie-differences.ts';

/** The lesson step that made `url`. */
function stepOf(url: string): Step | undefined {
  const address = parseScenarioPath(new URL(url).pathname);
  return address === null ? undefined : LESSONS.find((s) => s.id === address.scenario)?.steps[address.step];
}

/** The fetch()'s credentials mode of the lesson step that made `url` (fetch's default when the step names none). */
function lessonCredentials(url: string): CredentialsMode | undefined {
  const step = stepOf(url);
  return step === undefined ? undefined : (step.credentials ?? 'same-origin');
}

/** The records with the one field webRequest cannot see filled in from the lessons. */
function withLessonCredentials(records: readonly ExchangeRecord[]): ExchangeRecord[] {
  return records.map((r) => {
    const mode = lessonCredentials(r.exchange.legs[0]?.request.url ?? '');
    return mode === undefined || r.exchange.credentialsMode !== undefined ? r : { ...r, exchange: { ...r.exchange, credentialsMode: mode } };
  });
}

/** A request to the page's own origin: not CORS, so the capture never records it. */
export const unrecorded = (url: string): boolean => stepOf(url)?.target === 'same-origin';

/** A finished record with a hop at `url`. */
export const hasUrl = (url: string) => (r: ExchangeRecord): boolean => !r.pending && r.exchange.legs.some((leg) => leg.request.url === url);

/** The URLs (of those the capture records) no finished record holds yet. */
export const missingUrls = (urls: readonly string[], records: readonly ExchangeRecord[]): string[] =>
  urls.filter((u) => !unrecorded(u) && !records.some(hasUrl(u)));

const NONE: ExchangeCookies = { request: [], response: [] };

export class LiveCookieJudge {
  readonly differences = new Differences();
  readonly excused: string[] = [];
  readonly notRecorded: string[] = [];
  /** How many judged rows the browser's jar confirmed (provenance `browser-jar`). */
  jarRows = 0;
  private readonly live: CaptureCookies;
  private readonly lessonFilled: CaptureCookies;
  private readonly taken = new Set<string>();

  constructor(private readonly records: readonly ExchangeRecord[], setting: KnownCookieSetting | null) {
    this.live = logCookies(records, setting);
    this.lessonFilled = logCookies(withLessonCredentials(records), setting);
  }

  /**
   * The live rows of the next record holding `url`, checked by `compare` (with the `Set-Cookie`
   * lines the browser processed, which the record must hold too, in order).
   */
  judge(where: string, url: string, lines: readonly string[], compare: (rows: ExchangeCookies, d: Differences) => void): void {
    const d = this.differences;
    if (unrecorded(url)) {
      this.notRecorded.push(where);
      return;
    }
    const record = this.records.find((r) => !this.taken.has(r.id) && hasUrl(url)(r));
    if (record === undefined) {
      d.check(false, () => `${where}: the extension recorded no exchange for ${url}`);
      return;
    }
    this.taken.add(record.id);
    const rows = this.live.byExchange.get(record.id) ?? NONE;
    this.jarRows += [...rows.request, ...rows.response].filter((r) => r.provenance === 'browser-jar').length;
    const recorded = rows.response.map((r) => r.line);
    d.check(JSON.stringify(recorded) === JSON.stringify(lines), () => `${where}: recorded lines ${recorded.join(' | ')}; the browser's ${lines.join(' | ')}`);
    const here = new Differences();
    compare(rows, here);
    d.compared += here.compared;
    if (here.list.length === 0) return;
    const again = new Differences();
    compare(this.lessonFilled.byExchange.get(record.id) ?? NONE, again);
    if (record.exchange.credentialsMode === undefined && again.list.length === 0) this.excused.push(`${where}: credentialsMode`);
    else d.list.push(...here.list);
  }
}
