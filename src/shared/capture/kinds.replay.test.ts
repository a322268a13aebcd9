/**
 * Every kind of CORS request an element makes (images, stylesheets, fonts, classic and module
 * scripts, a font from a sandboxed frame), replayed from real webRequest recordings (Chromium 156,
 * Firefox ESR 153; scripts/record-webrequest.ts): one exchange per request the page made, the
 * browser's own probes dropped, and the verdict Chromium reported (CDP corsErrorStatus, kept in the
 * fixture) for each.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../model/exchange.ts';
import { evaluateExchange } from '../cors/index.ts';
import { IN_PAGE } from '../cors/content/in-page.ts';
import { reportExchange } from '../report/build.ts';
import { summaryLine } from '../report/text.ts';
import { loadFixture, replay, stepUrls } from '../../../test/fixtures/webrequest/load.ts';

const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** Lab scenario → the webRequest type of its element request, and whether the browser refused it. */
const KINDS: Readonly<Record<string, { readonly type: string; readonly blocked: boolean }>> = {
  'img-use-credentials-wildcard': { type: 'image', blocked: true },
  'img-use-credentials-pass': { type: 'image', blocked: false },
  'img-no-crossorigin': { type: 'image', blocked: false },
  'stylesheet-crossorigin-pass': { type: 'stylesheet', blocked: false },
  'stylesheet-crossorigin-missing-acao': { type: 'stylesheet', blocked: true },
  'font-face-missing-acao': { type: 'font', blocked: true },
  'font-face-wildcard-pass': { type: 'font', blocked: false },
  'font-css-missing-acao': { type: 'font', blocked: true },
  'font-css-pass': { type: 'font', blocked: false },
  'script-crossorigin-pass': { type: 'script', blocked: false },
  'script-crossorigin-missing-acao': { type: 'script', blocked: true },
  'script-no-crossorigin': { type: 'script', blocked: false },
  'module-script-pass': { type: 'script', blocked: false },
  'module-script-missing-acao': { type: 'script', blocked: true },
  'null-origin-font-acao-page': { type: 'font', blocked: true },
};

/** Scenarios whose element loads with no crossorigin attribute: no CORS at all. */
const NO_CORS = new Set(['img-no-crossorigin', 'script-no-crossorigin']);

/** The lab step URL of a scenario's element request (its last step). */
function elementUrl(name: string, browser: BrowserName): string {
  const urls = stepUrls(loadFixture(browser, name));
  return urls[urls.length - 1] ?? '';
}

describe.each(BROWSERS)('%s: element requests', (browser) => {
  it.each(Object.entries(KINDS))('%s: one exchange of its resource type, judged as the browser judged it', (name, { type, blocked }) => {
    const fixture = loadFixture(browser, name);
    const url = elementUrl(name, browser);
    const own = replay(fixture).exchanges.filter((x) => x.legs[0]?.request.url === url);
    expect(own).toHaveLength(1);
    const [x] = own;
    if (x === undefined) return;
    expect(x.resourceType).toBe(type);
    // A font's modes are fixed (pairing/resource-modes.ts); an element's crossorigin attribute is not on the wire.
    expect([x.mode, x.credentialsMode]).toEqual(type === 'font' ? ['cors', 'same-origin'] : [undefined, undefined]);
    const verdict = evaluateExchange(x, { now: Date.now() });
    expect(verdict.outcome).toBe(NO_CORS.has(name) ? 'not-cors' : blocked ? 'blocked' : 'allowed');
    // Chromium fails what it blocks; Firefox completes it, and the headers decide.
    expect(x.outcome.kind).toBe(blocked && browser === 'chromium' ? 'failed' : 'succeeded');
    const reported = fixture.corsErrors?.[url];
    if (reported !== undefined) expect(verdict.chromium.corsError).toBe(reported.split(':')[0]);
  });
});

describe('chromium: the cache-only font lookup', () => {
  const fonts = Object.entries(KINDS).filter(([, k]) => k.type === 'font').map(([name]) => name);

  it.each(fonts)('%s: two requests for one font, the first ending net::ERR_CACHE_MISS, make one exchange', (name) => {
    const fixture = loadFixture('chromium', name);
    const url = elementUrl(name, 'chromium');
    const details = fixture.events.map((e) => e.details as { requestId: string; url: string; error?: string });
    const requests = [...new Set(details.filter((d) => d.url === url).map((d) => d.requestId))];
    expect(requests).toHaveLength(2);
    const [probe, real] = requests;
    expect(details.filter((d) => d.requestId === probe).map((d) => d.error ?? null)).toEqual([null, 'net::ERR_CACHE_MISS']);
    const { exchanges, retired } = replay(fixture);
    expect(exchanges.filter((x) => x.legs[0]?.request.url === url).map((x) => x.id)).toEqual([real]);
    expect(retired.map((x) => x.id)).toEqual([probe]);
  });

  it('the probe is dropped, not failed, even when its end comes without its start', () => {
    const fixture = loadFixture('chromium', 'font-face-wildcard-pass');
    const first = fixture.events.find((e) => e.event === 'onErrorOccurred');
    const withoutSend = fixture.events.filter((e) => !(e.event === 'onSendHeaders' && (e.details as { requestId: string }).requestId === (first?.details as { requestId: string }).requestId));
    const { exchanges, retired } = replay(fixture, withoutSend);
    const url = elementUrl('font-face-wildcard-pass', 'chromium');
    expect(exchanges.filter((x) => x.legs[0]?.request.url === url).map((x) => x.outcome.kind)).toEqual(['succeeded']);
    expect(retired).toEqual([]);
  });
});

describe.each(BROWSERS)('%s: what the panel, the JSON and the text say', (browser) => {
  const reportOf = (name: string) => {
    const url = elementUrl(name, browser);
    const x = replay(loadFixture(browser, name)).exchanges.find((e) => e.legs[0]?.request.url === url);
    if (x === undefined) throw new Error(`no exchange for ${url}`);
    return { x, line: reportExchange(x, evaluateExchange(x, { now: Date.now() })) };
  };

  it('a font blocked by CORS: its explanation says it fails silently, where it shows, and that no attribute changes a font', () => {
    const { line } = reportOf('font-face-missing-acao');
    expect(line.verdict.outcome).toBe('blocked');
    expect(line.explanation?.text).toContain(IN_PAGE.font);
  });

  it('an image blocked by CORS: its explanation says crossorigin decides the credentials mode', () => {
    expect(reportOf('img-use-credentials-wildcard').line.explanation?.text).toContain(IN_PAGE.image);
  });

  it('a network error is not-cors, its error named in the summary, the JSON and the text', () => {
    const { x, line } = reportOf('actual-network-error');
    const error = x.outcome.error ?? '';
    expect(error).toMatch(browser === 'chromium' ? /^net::ERR_/ : /^NS_ERROR_NET/);
    expect(line.verdict.outcome).toBe('not-cors');
    expect(line.verdict.observedError).toBe(error);
    expect(line.verdict.summary).toBe(`Network error (${error})`);
    expect(summaryLine(line)).toContain(`not-cors Network error (${error})`);
  });
});
