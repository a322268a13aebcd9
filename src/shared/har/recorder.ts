/**
 * Which browser recorded a HAR. Chromium-based DevTools write `log.creator.name: "WebInspector"`,
 * Firefox writes `"Firefox"`; tools that record through a browser (Playwright, …) name it in
 * `log.browser.name`.
 */
import type { Recorder } from '../model/exchange.ts';
import type { HarDocument } from './types.ts';

function recorderFromName(name: string): Recorder {
  const lower = name.toLowerCase();
  if (lower === 'webinspector' || /chrom|edge|opera|brave/.test(lower)) return 'chromium';
  if (lower.includes('firefox')) return 'firefox';
  return 'unknown';
}

export function recorderOf(doc: Pick<HarDocument, 'creator' | 'browser'>): Recorder {
  const fromCreator = recorderFromName(doc.creator.name);
  if (fromCreator !== 'unknown') return fromCreator;
  return doc.browser === undefined ? 'unknown' : recorderFromName(doc.browser.name);
}
