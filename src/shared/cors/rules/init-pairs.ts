/**
 * Where Firefox's verdict hangs on how the page built its headers, which no recording shows: a
 * value unsafe only as a whole needs no preflight in Firefox if it came as fetch() init pairs
 * (`../../http/init-pairs.ts`, verified in Firefox 153.8). The verdicts follow the combined
 * value, as Chromium and Firefox judge a Headers object or XHR; the fact `firefox-init-pairs`
 * names the other reading.
 */
import type { BrowserName } from '../../model/exchange.ts';
import type { PreflightTrigger } from '../verdict.ts';
import { firefoxMayHaveJudgedApart, unsafeOnlyCombined } from '../../http/init-pairs.ts';

type ValueTrigger = Extract<PreflightTrigger, { kind: 'header-value' }>;

/**
 * The triggers of a request's first CORS leg that Firefox would not have had if the page passed
 * the headers as fetch() init pairs. From Chromium's recording that is every value unsafe only as
 * a whole. From Firefox's own recording, an observed preflight already says what Firefox judged,
 * and a combined Content-Type cannot have come from pairs (Firefox sends only the first).
 */
export function firefoxPairsWouldSkip(
  triggers: readonly PreflightTrigger[],
  recorder: BrowserName,
  preflightObserved: boolean,
): ValueTrigger[] {
  if (recorder === 'firefox' && preflightObserved) return [];
  const skipped = recorder === 'firefox' ? firefoxMayHaveJudgedApart : unsafeOnlyCombined;
  return triggers.filter((t): t is ValueTrigger => t.kind === 'header-value' && skipped(t.name, t.value));
}
