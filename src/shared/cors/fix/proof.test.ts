/**
 * The pure proof on real recordings (the whole lab, recorded in Chromium and Firefox, and a genuine
 * Chrome DevTools export; test/fixtures/recorded): every exchange either browser blocks gets a
 * server fix that, applied to its recorded responses, makes both browsers' walks allow it — or
 * `null`, only for a reason no response header fixes. Then per capture: every fix applied at once
 * (merged per response, without conflicts) makes every fixed exchange pass and keeps every exchange
 * a browser allowed allowed by it. The browser-proven version is test/e2e/fix-proven.test.ts.
 */
// eslint-disable-next-line no-restricted-imports -- the test reads fixtures; the modules under test stay pure
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserName, ObservedExchange } from '../../model/exchange.ts';
import type { ReasonCode } from '../codes.ts';
import type { Verdict } from '../verdict.ts';
import type { ServerChange } from './types.ts';
import { readHarDocument } from '../../har/read-har.ts';
import { parseHarText } from '../../har/validate.ts';
import { evaluateExchange } from '../evaluate.ts';
import { EXPLANATIONS } from '../content/explanations.ts';
import { applyServerChanges, credentialedReading, withNextHop } from './apply.ts';
import { captureEvidence } from './evidence.ts';
import { mergeServerChanges } from './merge.ts';
import { serverFix } from './server-fix.ts';

const RECORDED = join(resolve(import.meta.dirname, '../../../..'), 'test', 'fixtures', 'recorded');
const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

function capture(file: string) {
  const parsed = parseHarText(readFileSync(join(RECORDED, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const { exchanges } = readHarDocument(parsed.value);
  const now = Math.max(...exchanges.flatMap((x) => x.legs.map((l) => l.request.startedAt ?? 0)));
  const verdicts = exchanges.map((x) => evaluateExchange(x, { now }));
  const evidence = captureEvidence(exchanges, verdicts);
  const fixes = exchanges.map((x, i) => serverFix(x, verdicts[i] as Verdict, { evidence, now }));
  return { exchanges, verdicts, fixes, now };
}

/** The exchange as the changed server would answer it, judged afresh under the reading `verdict` took. */
function judged(x: ObservedExchange, verdict: Verdict, changes: readonly ServerChange[], now: number): Verdict {
  const fixed = applyServerChanges(withNextHop(x), changes);
  return evaluateExchange({ ...fixed, credentialsMode: credentialedReading(verdict) ? 'include' : 'omit', outcome: { kind: 'unknown' } }, { now });
}

const blockedBy = (v: Verdict): ReasonCode[] => BROWSERS.flatMap((b) => (v[b].allowed || v[b].code === null ? [] : [v[b].code]));
const label = (x: ObservedExchange): string => `${x.legs[0]?.request.method} ${x.legs[0]?.request.url}`;

describe.each(['chromium-lab.har', 'firefox-lab.har', 'chromium-devtools-lab.har'])('the fixes of %s', (file) => {
  const { exchanges, verdicts, fixes, now } = capture(file);
  const blocked = exchanges.flatMap((_, i) => (blockedBy(verdicts[i] as Verdict).length > 0 ? [i] : []));

  it('blocks enough to prove something', () => {
    expect(blocked.length).toBeGreaterThan(50);
  });

  it('gives every blocked exchange a server fix both browsers then allow', () => {
    const unproven = blocked.flatMap((i) => {
      const x = exchanges[i] as ObservedExchange;
      const server = fixes[i]?.server;
      if (server === null || server === undefined) return [];
      const after = judged(x, verdicts[i] as Verdict, server, now);
      return after.chromium.allowed && after.firefox.allowed ? [] : [`${label(x)}: ${after.chromium.code} / ${after.firefox.code}`];
    });
    expect(unproven).toEqual([]);
  });

  it('is null only where a browser failed for a reason no response header fixes', () => {
    const unexplained = blocked.flatMap((i) => {
      if (fixes[i]?.server !== null) return [];
      const codes = blockedBy(verdicts[i] as Verdict);
      const clientSide = codes.some((c) => !EXPLANATIONS[c].serverCanFix);
      return clientSide ? [] : [`${label(exchanges[i] as ObservedExchange)}: ${codes.join(', ')} — ${fixes[i]?.note ?? ''}`];
    });
    expect(unexplained).toEqual([]);
    const nulls = blocked.filter((i) => fixes[i]?.server === null).length;
    expect(nulls, 'a small set').toBeLessThanOrEqual(12);
  });

  it('applies every fix at once without conflicts, fixes all of them, and keeps allowing what a browser allowed', () => {
    const merged = mergeServerChanges(fixes.flatMap((f) => (f.server === null ? [] : [f.server])));
    expect(merged.conflicts).toEqual([]);
    const broken = exchanges.flatMap((x, i) => {
      const verdict = verdicts[i] as Verdict;
      if (verdict.outcome === 'not-cors') return [];
      // The recorded outcome was the old server's: compare like with like.
      const before = judged(x, verdict, [], now);
      const after = judged(x, verdict, merged.changes, now);
      const fixed = fixes[i]?.server !== null && blockedBy(verdict).length > 0;
      return BROWSERS.flatMap((b) => ((fixed || before[b].allowed) && !after[b].allowed ? [`${label(x)} in ${b}: ${after[b].code}`] : []));
    });
    expect(broken).toEqual([]);
  });
});
