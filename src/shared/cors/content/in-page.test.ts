import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../../model/exchange.ts';
import { IN_PAGE, inPageSymptom, requestKindOf, type RequestKind } from './in-page.ts';
import { h, simple } from '../build-exchange.test-util.ts';

const withType = (resourceType: string | undefined, headers: readonly (readonly [string, string])[] = []): ObservedExchange => {
  const { resourceType: _default, ...x } = simple({});
  return {
    ...x,
    ...(resourceType === undefined ? {} : { resourceType }),
    legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headers: h(headers.map(([n, v]) => [n, v] as [string, string])) } })),
  };
};

describe('requestKindOf', () => {
  it.each<[string | undefined, readonly (readonly [string, string])[], RequestKind | null]>([
    // webRequest types (Chromium and Firefox)
    ['xmlhttprequest', [], 'script-api'],
    ['image', [], 'image'],
    ['stylesheet', [], 'stylesheet'],
    ['font', [], 'font'],
    ['script', [], 'script'],
    // Chromium HAR _resourceType
    ['fetch', [], 'script-api'],
    ['xhr', [], 'script-api'],
    ['Font', [], 'font'],
    // Firefox HAR: no resource type, Sec-Fetch-Dest tells
    [undefined, [['Sec-Fetch-Dest', 'font']], 'font'],
    [undefined, [['Sec-Fetch-Dest', 'style']], 'stylesheet'],
    [undefined, [['Sec-Fetch-Dest', 'image']], 'image'],
    [undefined, [['Sec-Fetch-Dest', 'script']], 'script'],
    [undefined, [['Sec-Fetch-Dest', 'empty']], 'script-api'],
    // Neither says
    [undefined, [], null],
    ['media', [['Sec-Fetch-Dest', 'video']], null],
  ])('%s %j → %s', (type, headers, kind) => {
    expect(requestKindOf(withType(type, headers))).toBe(kind);
  });

  it('ignores provisional request headers (never sent)', () => {
    const x = withType(undefined, [['Sec-Fetch-Dest', 'font']]);
    const provisional = { ...x, legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headersProvisional: true } })) };
    expect(inPageSymptom(provisional)).toBeNull();
  });
});

describe('IN_PAGE', () => {
  it.each(Object.entries(IN_PAGE))('%s says what the page sees and that only the console names the reason', (kind, text) => {
    expect(text).toContain('only the console');
    if (kind === 'image' || kind === 'stylesheet' || kind === 'script') expect(text).toContain('`crossorigin` attribute decides the credentials mode');
    if (kind !== 'script-api') expect(text).toMatch(/nothing is thrown/);
  });
});
