import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../../model/exchange.ts';
import type { PreflightTrigger } from '../verdict.ts';
import { firefoxPairsWouldSkip } from './init-pairs.ts';

const value = (name: string, v: string): PreflightTrigger => ({ kind: 'header-value', name, value: v, why: 'content-type-essence' });

// Values as the recording shows them, combined; verified in Firefox 153.8 (VERIFIED.md, "A header given twice").
const ROWS: readonly { name: string; trigger: PreflightTrigger; recorder: BrowserName; preflightObserved: boolean; skips: boolean }[] = [
  { name: 'text/plain twice, Chromium recorded', trigger: value('content-type', 'text/plain, text/plain'), recorder: 'chromium', preflightObserved: true, skips: true },
  { name: 'text/plain then multipart', trigger: value('content-type', 'text/plain, multipart/form-data; boundary=x'), recorder: 'chromium', preflightObserved: true, skips: true },
  { name: 'text/plain then application/json: Firefox preflights for the second pair', trigger: value('content-type', 'text/plain, application/json'), recorder: 'chromium', preflightObserved: true, skips: false },
  { name: 'one value, no list', trigger: value('content-type', 'application/json'), recorder: 'chromium', preflightObserved: true, skips: false },
  { name: 'two 100-byte Accepts', trigger: value('accept', `${'a'.repeat(100)}, ${'b'.repeat(100)}`), recorder: 'chromium', preflightObserved: true, skips: true },
  { name: 'an item over 128 bytes fails alone too', trigger: value('accept', `a, ${'b'.repeat(129)}`), recorder: 'chromium', preflightObserved: true, skips: false },
  { name: 'two single ranges', trigger: value('range', 'bytes=0-1, bytes=2-3'), recorder: 'chromium', preflightObserved: false, skips: true },
  { name: 'a header name outside the safelist', trigger: { kind: 'header', name: 'x-a' }, recorder: 'chromium', preflightObserved: true, skips: false },
  { name: 'Firefox recorded its own preflight: it says what Firefox judged', trigger: value('accept', `${'a'.repeat(100)}, ${'b'.repeat(100)}`), recorder: 'firefox', preflightObserved: true, skips: false },
  { name: 'Firefox recorded a merged Accept and no preflight', trigger: value('accept', `${'a'.repeat(100)}, ${'b'.repeat(100)}`), recorder: 'firefox', preflightObserved: false, skips: true },
  { name: 'Firefox sends one Content-Type of its pairs: a combined one came whole', trigger: value('content-type', 'text/plain, text/plain'), recorder: 'firefox', preflightObserved: false, skips: false },
];

describe('firefoxPairsWouldSkip', () => {
  it.each(ROWS)('$name', ({ trigger, recorder, preflightObserved, skips }) => {
    expect(firefoxPairsWouldSkip([{ kind: 'method', method: 'PUT' }, trigger], recorder, preflightObserved)).toEqual(skips ? [trigger] : []);
  });
});
