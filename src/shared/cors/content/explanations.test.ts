import { describe, expect, it } from 'vitest';
import { EXPLANATIONS, WARNING_EXPLANATIONS, mdnFor } from './explanations.ts';
import { CHROMIUM_CORS_ERRORS, CHROMIUM_ERROR_FOR_CODE, FIREFOX_CATEGORY, FIREFOX_REASONS, REASON_CODES, WARNING_CODES, codeForChromiumError, firefoxReasonFromCategory } from '../codes.ts';

/** Reasons no response header fixes: the client, the network or the browser must change. */
const CLIENT_SIDE = ['disallowed-by-mode', 'cors-disabled-scheme', 'preflight-network-error', 'redirect-contains-credentials', 'network-error', 'local-network-access', 'blocked-cause-not-visible'];

describe('explanations', () => {
  it.each(REASON_CODES)('%s has a title, a text, and a note when no server change fixes it', (code) => {
    const e = EXPLANATIONS[code];
    expect(e.title.length).toBeGreaterThan(0);
    expect(e.explanation.length).toBeGreaterThan(20);
    expect(e.serverCanFix).toBe(!CLIENT_SIDE.includes(code));
    if (!e.serverCanFix) expect(e.note?.length ?? 0).toBeGreaterThan(20);
  });

  it('MDN pages follow the Firefox reason', () => {
    expect(mdnFor('missing-allow-origin')).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin');
    expect(mdnFor('local-network-access')).toBeNull();
  });

  it.each(WARNING_CODES)('warning %s is explained', (code) => {
    expect(WARNING_EXPLANATIONS[code].explanation.length).toBeGreaterThan(20);
  });
});

describe('code tables', () => {
  it('every Chromium error a reason maps to exists in CDP, and maps back', () => {
    for (const code of REASON_CODES) {
      const error = CHROMIUM_ERROR_FOR_CODE[code];
      if (error === null) continue;
      expect(CHROMIUM_CORS_ERRORS).toContain(error);
      expect(codeForChromiumError(error)).toBe(code);
    }
  });

  it('Firefox categories carry the version digit; reasons do not', () => {
    for (const reason of FIREFOX_REASONS) expect(firefoxReasonFromCategory(FIREFOX_CATEGORY[reason])).toBe(reason);
    expect(FIREFOX_CATEGORY.CORSMissingAllowOrigin).toBe('CORSMissingAllowOrigin2');
    expect(firefoxReasonFromCategory('SOP')).toBeNull();
  });
});
