/**
 * The HAR reader: HTTP Archives exported by Chromium and Firefox DevTools → `ObservedExchange[]`.
 */
export { HarFormatError, isHarFormatError, type HarErrorCode, type HarIssue, type HarReadResult } from './errors.ts';
export { HAR_LIMITS, parseHarText, validateHar } from './validate.ts';
export { readHar, readHarDocument, type HarCapture } from './read-har.ts';
export { recorderOf } from './recorder.ts';
export type { HarDocument, HarEntryRecord, HarPage } from './types.ts';
