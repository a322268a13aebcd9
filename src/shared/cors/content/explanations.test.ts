import { describe, expect, it } from 'vitest';
import { EXPLANATIONS, WARNING_EXPLANATIONS, fixContext, mdnFor, serverSnippets } from './explanations.ts';
import type { FixContext } from './explanations.ts';
import { CHROMIUM_CORS_ERRORS, CHROMIUM_ERROR_FOR_CODE, FIREFOX_CATEGORY, FIREFOX_REASONS, REASON_CODES, WARNING_CODES, codeForChromiumError, firefoxReasonFromCategory } from '../codes.ts';
import { FRAMEWORKS } from './snippets.ts';
import { evaluateExchange } from '../evaluate.ts';
import { ACAO, PAGE, preflighted } from '../build-exchange.test-util.ts';

const ctx: FixContext = { origin: PAGE, method: 'PUT', header: 'x-api-key', unsafeHeaders: ['x-api-key'], credentialed: true, status: 404 };

describe('explanations', () => {
  it.each(REASON_CODES)('%s has a title, a text and a fix or a note', (code) => {
    const e = EXPLANATIONS[code];
    expect(e.title.length).toBeGreaterThan(0);
    expect(e.explanation.length).toBeGreaterThan(20);
    const lines = e.fix(ctx);
    expect(lines.length > 0 || e.note !== null).toBe(true);
    // Header-fixable reasons name the actual origin; the others have no snippet.
    if (e.policy === null) {
      expect(lines).toEqual([]);
      expect(serverSnippets(code, ctx)).toBeNull();
    } else {
      expect(lines).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
      const snippets = serverSnippets(code, ctx);
      for (const f of FRAMEWORKS) expect(snippets?.[f]).toContain(PAGE);
    }
  });

  it('preflight fixes list the method and the missing header', () => {
    const lines = EXPLANATIONS['header-disallowed-by-preflight'].fix(ctx);
    expect(lines).toEqual([
      `Access-Control-Allow-Origin: ${PAGE}`,
      'Access-Control-Allow-Credentials: true',
      'Vary: Origin',
      'Access-Control-Allow-Methods: PUT',
      'Access-Control-Allow-Headers: x-api-key',
    ]);
    const express = serverSnippets('header-disallowed-by-preflight', ctx)?.express ?? '';
    expect(express).toContain('allowedHeaders: ["x-api-key"]');
    expect(express).toContain('credentials: true');
    expect(serverSnippets('method-disallowed-by-preflight', ctx)?.go).toContain('"Access-Control-Allow-Methods", "PUT"');
  });

  it('the wildcard fix never suggests `*`', () => {
    const lines = EXPLANATIONS['wildcard-origin-with-credentials'].fix({ ...ctx, credentialed: false });
    expect(lines).toContain('Access-Control-Allow-Credentials: true');
    expect(lines.join('\n')).not.toContain(': *');
  });

  it('MDN pages follow the Firefox reason', () => {
    expect(mdnFor('missing-allow-origin')).toBe('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin');
    expect(mdnFor('local-network-access')).toBeNull();
  });

  it.each(WARNING_CODES)('warning %s is explained', (code) => {
    expect(WARNING_EXPLANATIONS[code].explanation.length).toBeGreaterThan(20);
  });

  it('fixContext reads the exchange and its verdict', () => {
    const x = preflighted({ method: 'PUT', credentials: 'include', request: [['X-Api-Key', 'k']], preflightResponse: [ACAO, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', 'PUT']], actual: null });
    const v = evaluateExchange(x);
    expect(v.code).toBe('header-disallowed-by-preflight');
    expect(fixContext(x, v)).toEqual({ origin: PAGE, method: 'PUT', header: 'x-api-key', unsafeHeaders: ['x-api-key'], credentialed: true, status: null });
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
