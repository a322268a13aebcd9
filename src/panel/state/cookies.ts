/**
 * The Cookies tab's data: the shown log's exchanges through one simulated cookie jar
 * (src/shared/cookies/capture.ts), the same rows the report carries, computed once per log and
 * setting. The live log is decided under the setting the browser's API gave (when it did); an
 * imported HAR under the setting inferred from it.
 */
import { captureOptionsOf, type KnownCookieSetting } from '../../shared/cookies/browser-setting.ts';
import { captureCookies, settledCredentials, type CaptureCookies, type CaptureExchangeCookies } from '../../shared/cookies/capture.ts';
import type { ExchangeCookies } from '../../shared/cookies/jar.ts';
import type { CookieNote } from '../../shared/cookies/reasons.ts';
import { holdsCookies } from '../../shared/cookies/on-the-wire.ts';
import type { Recorder } from '../../shared/model/exchange.ts';
import type { LogRecord } from '../../shared/protocol/messages.ts';
import type { PanelState } from './store.ts';

const byLog = new WeakMap<readonly LogRecord[], { readonly setting: KnownCookieSetting | null; readonly value: CaptureCookies }>();

/** The browser that recorded the log (Chromium's rules when mixed or unknown). */
export function recorderOfLog(records: readonly LogRecord[]): Recorder {
  const first = records[0]?.exchange.recorder ?? 'unknown';
  return records.every((r) => r.exchange.recorder === first) ? first : 'unknown';
}

/** The setting the shown log is decided under: the API's for the live log, none (inferred) for an imported one. */
export function shownCookieSetting(state: PanelState): KnownCookieSetting | null {
  return state.imported === null ? state.cookieSetting : null;
}

/** An exchange in flight has no verdict yet, so no settled credentials mode. */
const UNJUDGED = { checks: [] } as const;

/**
 * The log's cookies, simulated once per records array and setting. `setting` applies only to a
 * log recorded by the browser it was read from.
 */
export function logCookies(records: readonly LogRecord[], setting: KnownCookieSetting | null = null): CaptureCookies {
  const recorder = recorderOfLog(records);
  const known = setting?.browser === recorder ? setting : null;
  const cached = byLog.get(records);
  if (cached !== undefined && cached.setting === known) return cached.value;
  const exchanges = records.map((r) => r.exchange);
  const credentials = settledCredentials(exchanges, records.map((r) => r.verdict ?? UNJUDGED));
  const value = captureCookies(exchanges, recorder, { ...captureOptionsOf(known), credentials });
  byLog.set(records, { setting: known, value });
  return value;
}

export function recordCookies(records: readonly LogRecord[], id: string, setting: KnownCookieSetting | null = null): CaptureExchangeCookies | undefined {
  return logCookies(records, setting).byExchange.get(id);
}

const mentions = new WeakMap<LogRecord, boolean>();
const logMentions = new WeakMap<readonly LogRecord[], boolean>();

/** Whether any hop of `record` shows a cookie (`holdsCookies`, computed once per record). */
function mentionsCookies(record: LogRecord): boolean {
  let found = mentions.get(record);
  if (found === undefined) {
    found = holdsCookies(record.exchange);
    mentions.set(record, found);
  }
  return found;
}

/**
 * Whether the exchange `id` of the log has a cookie problem (`hasCookieProblem`). A log in which
 * no hop shows a cookie (no `Cookie` header, no `Set-Cookie` line, no fact from the browser's
 * jar) has an empty jar and so none: the whole-log simulation is skipped, which keeps a live
 * burst from re-simulating the growing log once per frame.
 */
export function recordHasCookieProblem(records: readonly LogRecord[], id: string, setting: KnownCookieSetting | null = null): boolean {
  let mentioned = logMentions.get(records);
  if (mentioned === undefined) {
    mentioned = records.some(mentionsCookies);
    logMentions.set(records, mentioned);
  }
  return mentioned && hasCookieProblem(recordCookies(records, id, setting));
}

/** Firefox's warnings on a cookie it stored: worth a line in the tab, not a problem badge. */
const WARNINGS: ReadonlySet<string> = new Set(['CookieForeignNoPartitioned', 'CookieSameSiteValueInvalid2']);

/** Notes of a `Set-Cookie` line the browser dropped without a console message. */
const SILENTLY_DROPPED: ReadonlySet<CookieNote> = new Set<CookieNote>(['PartitionedWithoutSecure', 'SiteCookieLimit']);

/**
 * A cookie went wrong: one credentials would carry was withheld by a rule, or a `Set-Cookie`
 * line was refused (or dropped silently: Partitioned without Secure, or Firefox's full site).
 */
export function hasCookieProblem(rows: ExchangeCookies | undefined): boolean {
  if (rows === undefined) return false;
  const refused = (reasons: readonly string[]): boolean => reasons.some((r) => !WARNINGS.has(r));
  return (
    rows.request.some((r) => !r.sent && (refused(r.blockedReasons) || refused(r.firefoxReasons))) ||
    rows.response.some((r) => !r.stored && (refused(r.blockedReasons) || refused(r.firefoxReasons) || r.notes.some((note) => SILENTLY_DROPPED.has(note))))
  );
}
