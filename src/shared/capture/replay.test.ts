/**
 * The pairing, replayed from real webRequest event sequences (Chromium 156, Firefox ESR 153)
 * recorded from the lab by scripts/record-webrequest.ts. The lab's wire log of each run is the
 * oracle: what reached the servers must be exactly what the exchanges hold.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserName, ObservedExchange } from '../model/exchange.ts';
import { getHeader } from '../http/headers.ts';
import { needsCorsPreflight } from '../pairing/index.ts';
import { identicalCopies, loadFixture, loadFixtures, redirectReportedLate, replay, stepUrls, type Fixture } from '../../../test/fixtures/webrequest/load.ts';
import type { CaptureTracker } from './tracker.ts';

const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/**
 * Runs where the lab closed the connection without answering: the browser retries at the network
 * level (Firefox up to 10 times) and webRequest shows one attempt, so the wire holds more.
 */
const NETWORK_RETRIES = new Set(['actual-network-error', 'preflight-network-error']);

/** A request to the lab's API servers, not its page server (which also serves the cross-site frame, as 127.0.0.1). */
function isApi(fixture: Fixture, url: string): boolean {
  return new URL(url).port !== new URL(fixture.pageOrigin).port;
}

function observedPreflights(exchanges: readonly ObservedExchange[]) {
  return exchanges.flatMap((x) => x.legs.flatMap((leg) => (leg.preflight?.kind === 'observed' ? [{ x, leg, preflight: leg.preflight }] : [])));
}

describe.each(BROWSERS)('%s: every recorded lab run', (browser) => {
  const fixtures = loadFixtures(browser);

  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(50);
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const { exchanges } = replay(fixture);

    it('holds each preflight that reached the server exactly once, on the leg it guarded', () => {
      const wireOptions = fixture.wire.filter((w) => w.method === 'OPTIONS' && isApi(fixture, w.url)).map((w) => w.url).sort();
      if (NETWORK_RETRIES.has(fixture.name)) wireOptions.splice(0, wireOptions.length, ...new Set(wireOptions));
      const pairs = observedPreflights(exchanges);
      expect(pairs.map((p) => p.preflight.request.url).sort()).toEqual(wireOptions);
      for (const { leg, preflight } of pairs) {
        expect(preflight.request.url).toBe(leg.request.url);
        expect(getHeader(preflight.request.headers, 'access-control-request-method')).toBe(leg.request.method);
        // The CORS headers are visible (Chrome: thanks to extraHeaders).
        expect(getHeader(preflight.request.headers, 'origin')).not.toBeNull();
      }
    });

    it('holds each cross-origin request that reached the server exactly once, as a leg with its response', () => {
      const wireActual = fixture.wire.filter((w) => w.method !== 'OPTIONS' && isApi(fixture, w.url)).map((w) => `${w.method} ${w.url} ${w.status}`).sort();
      // No response came back: the leg has none, and the wire's retries are not ours to count.
      if (NETWORK_RETRIES.has(fixture.name)) wireActual.length = 0;
      const legs = exchanges
        .flatMap((x) => x.legs)
        .filter((leg) => leg.response !== null && !leg.request.headersProvisional && isApi(fixture, leg.request.url))
        .map((leg) => `${leg.request.method} ${leg.request.url} ${leg.response?.status}`);
      // Responses served from the HTTP cache never reached the server (`fromCache` on onCompleted).
      for (const e of fixture.events) {
        const d = e.details as { fromCache?: boolean; method?: string; url?: string; statusCode?: number };
        if (e.event !== 'onCompleted' || d.fromCache !== true) continue;
        const at = legs.indexOf(`${d.method} ${d.url} ${d.statusCode}`);
        if (at !== -1) legs.splice(at, 1);
      }
      expect(legs.sort()).toEqual(wireActual);
    });

    it('ends every exchange with an outcome, gives every preflighted leg its preflight, and infers cache hits only where the browser needed a preflight', () => {
      for (const x of exchanges) {
        const last = x.legs[x.legs.length - 1]?.response?.status ?? 0;
        // Firefox quirk: a redirect it refuses to follow may get no further event; the sweep ends
        // it with an unknown outcome (the headers decide).
        const refusedRedirect = browser === 'firefox' && last >= 300 && last < 400;
        if (!refusedRedirect) expect(x.outcome.kind, x.id).not.toBe('unknown');
        for (const leg of x.legs) {
          const where = `${x.id} ${leg.request.method} ${leg.request.url}`;
          const needed = !leg.request.headersProvisional && needsCorsPreflight(leg.request, browser);
          if (leg.response !== null && needed) expect(leg.preflight, where).not.toBeNull();
          if (leg.preflight?.kind === 'cache-hit') expect(needed, where).toBe(true);
        }
      }
    });

    it('makes one exchange per request the page made: none for the browser\'s own probes', () => {
      const steps = stepUrls(fixture);
      for (const url of new Set(steps)) {
        const made = exchanges.filter((x) => x.legs[0]?.request.url === url).length;
        expect(made, url).toBeLessThanOrEqual(steps.filter((u) => u === url).length);
      }
      // Chromium's cache-only font lookup (internal-probes.ts) ends in this error; the page never sees it.
      expect(exchanges.filter((x) => x.outcome.error === 'net::ERR_CACHE_MISS').map((x) => x.legs[0]?.request.url)).toEqual([]);
    });

    if (browser === 'chromium') {
      it('fails exactly the fetches Chromium reported a CORS error for (CDP corsErrorStatus)', () => {
        for (const url of Object.keys(fixture.corsErrors ?? {})) {
          const failed = exchanges.filter((e) => e.outcome.kind === 'failed' && e.legs.some((leg) => leg.request.url === url));
          expect(failed.length, url).toBeGreaterThan(0);
        }
      });
    }
  });
});

describe('preflight before and after the actual request', () => {
  it.each(BROWSERS)('%s: preflight-put-pass is one exchange, preflight observed, then the PUT', (browser) => {
    const { exchanges } = replay(loadFixture(browser, 'preflight-put-pass'));
    expect(exchanges).toHaveLength(1);
    const [x] = exchanges;
    expect(x?.outcome.kind).toBe('succeeded');
    expect(x?.legs).toHaveLength(1);
    const leg = x?.legs[0];
    expect(leg?.request.method).toBe('PUT');
    expect(leg?.preflight?.kind).toBe('observed');
    expect(leg?.response?.status).toBe(200);
    expect(getHeader(leg?.request.headers ?? [], 'origin')).toBe(x?.initiatorOrigin);
  });

  it('the recorded orders differ: Chrome reports the preflight first, Firefox the actual request', () => {
    const firstMethod = (browser: BrowserName) => {
      const e = loadFixture(browser, 'preflight-put-pass').events[0]?.details as { method?: string } | undefined;
      return e?.method;
    };
    expect(firstMethod('chromium')).toBe('OPTIONS');
    expect(firstMethod('firefox')).toBe('PUT');
  });

  it('chromium: a request blocked at its preflight never left, and is one failed exchange with its preflight', () => {
    const { exchanges } = replay(loadFixture('chromium', 'preflight-missing-acah-json'));
    expect(exchanges).toHaveLength(1);
    const leg = exchanges[0]?.legs[0];
    expect(exchanges[0]?.outcome).toEqual({ kind: 'failed', error: 'net::ERR_FAILED' });
    expect(leg?.request.headersProvisional).toBe(true);
    expect(leg?.response).toBeNull();
    expect(leg?.preflight?.kind === 'observed' && leg.preflight.response?.status).toBe(204);
  });
});

describe('preflight cache hits', () => {
  it.each(BROWSERS)('%s: a second PUT that sent no OPTIONS is an inferred cache hit linked to the first preflight', (browser) => {
    const fixture = loadFixture(browser, 'cache-max-age-60');
    const options = fixture.wire.filter((w) => w.method === 'OPTIONS').length;
    const { exchanges } = replay(fixture);
    expect(exchanges).toHaveLength(2);
    const [first, second] = exchanges;
    expect(first?.legs[0]?.preflight?.kind).toBe('observed');
    if (options === 1) {
      const hit = second?.legs[0]?.preflight;
      expect(hit?.kind).toBe('cache-hit');
      if (hit?.kind !== 'cache-hit') return;
      expect(hit.sourceExchangeId).toBe(first?.id);
      expect(hit.maxAgeSeconds).toBe(60);
      expect(hit.cachedAt).toBeLessThanOrEqual(second?.legs[0]?.request.startedAt ?? 0);
    } else {
      // This browser sent the preflight again (seen in Firefox): then it is observed, not inferred.
      expect(options).toBe(2);
      expect(second?.legs[0]?.preflight?.kind).toBe('observed');
    }
  });
});

describe('which requests wait for a preflight: one decision per recording browser (pairing/cors-request.ts)', () => {
  const contentTypes = (x: ObservedExchange | undefined) => (x?.legs[0]?.request.headers ?? []).filter((h) => h.name.toLowerCase() === 'content-type').map((h) => h.value);

  it.each(BROWSERS)('%s: Content-Type text/plain appended twice goes out as one doubled value and is preflighted', (browser) => {
    const { exchanges } = replay(loadFixture(browser, 'doubled-content-type-text-plain'));
    expect(exchanges).toHaveLength(1);
    expect(contentTypes(exchanges[0])).toEqual(['text/plain, text/plain']);
    expect(exchanges[0]?.legs[0]?.preflight?.kind).toBe('observed');
  });

  it('fetch init pairs naming Content-Type twice: Chromium sends both values and preflights; Firefox sends one, and no preflight', () => {
    const [chromium] = replay(loadFixture('chromium', 'doubled-content-type-text-plain-pairs')).exchanges;
    expect(contentTypes(chromium)).toEqual(['text/plain, text/plain']);
    expect(chromium?.legs[0]?.preflight?.kind).toBe('observed');
    const [firefox] = replay(loadFixture('firefox', 'doubled-content-type-text-plain-pairs')).exchanges;
    expect(contentTypes(firefox)).toEqual(['text/plain']);
    expect(firefox?.legs[0]?.preflight).toBeNull();
  });

  // Both browsers judge a name set twice by its combined value (src/shared/http/safelist.ts);
  // only fetch() init pairs are judged apart by Firefox, and of those it sends one Content-Type
  // (the fixture above). So a combined Content-Type on Firefox's wire came whole and needed a
  // preflight: derived from the Firefox recording without its OPTIONS, none seen is a cache hit.
  it('firefox: a combined text/plain Content-Type sent without a preflight is a cache hit', () => {
    const fixture = loadFixture('firefox', 'doubled-content-type-text-plain');
    const optionsIds = new Set(fixture.events.filter((e) => (e.details as { method?: string }).method === 'OPTIONS').map((e) => (e.details as { requestId?: string }).requestId));
    const { exchanges } = replay(fixture, fixture.events.filter((e) => !optionsIds.has((e.details as { requestId?: string }).requestId)));
    expect(exchanges).toHaveLength(1);
    const leg = exchanges[0]?.legs[0];
    expect(contentTypes(exchanges[0])).toEqual(['text/plain, text/plain']);
    expect(needsCorsPreflight({ url: leg?.request.url ?? '', method: leg?.request.method ?? '', headers: leg?.request.headers ?? [] }, 'firefox')).toBe(true);
    expect(exchanges[0]?.outcome.kind).toBe('succeeded');
    expect(leg?.preflight?.kind).toBe('cache-hit');
  });
});

describe('redirects', () => {
  it.each(BROWSERS)('%s: a preflighted request that redirects is one exchange of two legs, re-preflighted at the new URL', (browser) => {
    const { exchanges } = replay(loadFixture(browser, 'redirect-preflighted-pass'));
    expect(exchanges).toHaveLength(1);
    const legs = exchanges[0]?.legs ?? [];
    expect(legs.map((l) => l.response?.status)).toEqual([307, 200]);
    expect(legs.map((l) => l.preflight?.kind)).toEqual(['observed', 'observed']);
    const second = legs[1]?.preflight;
    // https://fetch.spec.whatwg.org/#concept-request-tainted-origin: after the cross-origin hop the
    // request's Origin is `null`. Chromium's re-preflight says so too; Firefox's (quirk) still
    // carries the page's origin.
    expect(getHeader(legs[1]?.request.headers ?? [], 'origin')).toBe('null');
    const preflightOrigin = second?.kind === 'observed' ? getHeader(second.request.headers, 'origin') : undefined;
    expect(preflightOrigin).toBe(browser === 'chromium' ? 'null' : exchanges[0]?.initiatorOrigin);
  });

  it('chromium: a re-preflight reported before its redirect opens an exchange that is then retired into the redirected one', () => {
    const fixture = loadFixture('chromium', 'redirect-preflighted-pass');
    const { exchanges, retired } = replay(fixture, redirectReportedLate(fixture));
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.legs.map((l) => [l.response?.status, l.preflight?.kind])).toEqual([
      [307, 'observed'],
      [200, 'observed'],
    ]);
    expect(retired).toHaveLength(1);
    const [gone] = retired;
    expect(gone?.pending).toBe(false);
    // Its preflight now guards the redirected exchange's second leg.
    const second = exchanges[0]?.legs[1]?.preflight;
    expect(second?.kind === 'observed' && second.request.url).toBe(gone?.legs[0]?.request.url);
  });

  it.each(BROWSERS)('%s: a same-origin request redirected cross-origin keeps its first hop', (browser) => {
    const { exchanges } = replay(loadFixture(browser, 'redirect-same-to-cross-pass'));
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.legs.map((l) => l.response?.status)).toEqual([expect.any(Number), 200]);
  });
});

describe('concurrency and interleaving', () => {
  it.each(BROWSERS)('%s: four identical PUTs in flight at once get four distinct preflights', (browser) => {
    const { exchanges } = replay(loadFixture(browser, 'concurrent-identical'));
    expect(exchanges).toHaveLength(4);
    const ids = new Set(observedPreflights(exchanges).map((p) => p.preflight.request.startedAt + p.x.id));
    expect(ids.size).toBe(4);
    for (const x of exchanges) expect(x.outcome.kind).toBe('succeeded');
  });

  it.each(BROWSERS)('%s: 2,000 identical PUTs in flight at once get 2,000 distinct preflights', (browser) => {
    const fixture = loadFixture(browser, 'concurrent-identical');
    // Each event of the four PUTs and their preflights, reported 500 times under fresh request ids.
    const copies = 500;
    const { exchanges } = replay(fixture, identicalCopies(fixture, copies));
    const puts = exchanges.filter((x) => x.legs[0]?.request.method === 'PUT');
    expect(puts).toHaveLength(4 * copies);
    expect(new Set(observedPreflights(puts).map((p) => p.preflight)).size).toBe(4 * copies);
    for (const x of puts) expect(x.outcome.kind).toBe('succeeded');
  });

  it.each(BROWSERS)('%s: two tabs at once are kept apart', (browser) => {
    const fixture = loadFixture(browser, 'interleaved-tabs');
    const { tracked } = replay(fixture);
    const tabs = new Set(tracked.map((x) => x.tabId));
    expect(tabs.size).toBe(2);
    for (const x of tracked) {
      const scenario = x.legs[0]?.request.url.includes('/s/preflight-put-pass/') ? 'preflight-put-pass' : 'cache-max-age-60';
      for (const other of tracked.filter((o) => o.tabId === x.tabId)) {
        expect(other.legs[0]?.request.url).toContain(`/s/${scenario}/`);
      }
    }
  });

  it.each(BROWSERS)('%s: a fetch from a dedicated worker and from an iframe are captured with their preflight', (browser) => {
    for (const name of ['in-worker-preflight-put-pass', 'in-frame-preflight-put-pass']) {
      const { exchanges } = replay(loadFixture(browser, name));
      const put = exchanges.filter((x) => x.legs[0]?.request.method === 'PUT');
      expect(put, name).toHaveLength(1);
      expect(put[0]?.legs[0]?.preflight?.kind, name).toBe('observed');
    }
  });
});

describe('dropping', () => {
  it.each(BROWSERS)('%s: same-origin traffic makes no exchange', (browser) => {
    const { exchanges } = replay(loadFixture(browser, 'same-origin-get'));
    expect(exchanges).toEqual([]);
  });

  it('requests from ignored origins (the extension itself) make no exchange', async () => {
    const fixture = loadFixture('chromium', 'preflight-put-pass');
    const { CaptureTracker } = await import('./tracker.ts');
    const changes: string[] = [];
    const tracker = new CaptureTracker({ browser: 'chromium', ignoreOrigins: [fixture.pageOrigin], onChange: (x) => changes.push(x.id) });
    for (const e of fixture.events) tracker.push(e);
    expect(changes).toEqual([]);
  });
});

describe('opaque origins', () => {
  // Firefox 153 reports a sandboxed frame's request without originUrl/documentUrl; its Origin
  // header says `null` (verified with lab scenario null-origin-acao-null). Built from the
  // top-level acao-null run by removing what Firefox leaves out.
  it('firefox: a request with no originUrl/documentUrl and Origin: null is recorded, from origin null', () => {
    const fixture = loadFixture('firefox', 'acao-null');
    const events = fixture.events.map((e) => {
      const { originUrl: _o, documentUrl: _d, ...details } = e.details as Record<string, unknown>;
      const headers = details['requestHeaders'];
      if (Array.isArray(headers)) details['requestHeaders'] = headers.map((h: { name: string; value: string }) => (h.name === 'Origin' ? { ...h, value: 'null' } : h));
      return { ...e, details };
    });
    const { exchanges } = replay(fixture, events);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.initiatorOrigin).toBe('null');
  });
});

describe('stalls', () => {
  it('firefox: a redirect Firefox refuses to follow (to ftp:) ends, unknown, once the sweep runs', () => {
    const fixture = loadFixture('firefox', 'redirect-to-ftp-url');
    const { exchanges, tracked } = replay(fixture);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.outcome.kind).toBe('unknown');
    expect(tracked[0]?.pending).toBe(false);
  });
});

/** The tabs a fixture's events came from. */
function tabsOf(fixtures: readonly Fixture[]): number[] {
  return [...new Set(fixtures.flatMap((f) => f.events.map((e) => (e.details as { tabId?: number }).tabId ?? -1)))];
}

function stopAll(tracker: CaptureTracker, fixtures: readonly Fixture[]): void {
  for (const tab of tabsOf(fixtures)) tracker.setRecording(tab, false);
}

function recordAll(tracker: CaptureTracker, fixtures: readonly Fixture[]): void {
  for (const tab of tabsOf(fixtures)) tracker.setRecording(tab, true);
}

describe('recording stopped', () => {
  // A request whose first event arrives while its tab is not recording is never followed, even
  // when recording resumes before it ends — nor is its preflight, whichever order the browser
  // reports them in (Chrome: preflight first; Firefox: actual request first).
  it.each(BROWSERS)('%s: a preflighted request that began while stopped is not recorded when recording resumes mid-flight', async (browser) => {
    const { CaptureTracker, toObservedExchange } = await import('./tracker.ts');
    const straddling = loadFixture(browser, 'preflight-put-pass');
    const after = loadFixture(browser, 'acao-null');
    const seen = new Map<string, Parameters<typeof toObservedExchange>[0]>();
    const tracker = new CaptureTracker({ browser, onChange: (x) => seen.set(x.id, x) });
    const [first, ...rest] = straddling.events;
    stopAll(tracker, [straddling, after]);
    if (first !== undefined) tracker.push(first);
    recordAll(tracker, [straddling, after]);
    for (const e of rest) tracker.push(e);
    for (const e of after.events) tracker.push(e);
    tracker.sweep(Number.MAX_SAFE_INTEGER);
    const exchanges = [...seen.values()].filter((x) => !x.retired).map((x) => toObservedExchange(x, browser));
    expect(exchanges.map((x) => x.legs[0]?.request.url.includes('/acao-null/'))).toEqual([true]);
    expect(tracker.inFlight).toBe(0);
  });

  it.each(BROWSERS)('%s: an exchange made entirely while stopped stays out after Record', async (browser) => {
    const { CaptureTracker } = await import('./tracker.ts');
    const ids: string[] = [];
    const tracker = new CaptureTracker({ browser, onChange: (x) => ids.push(x.id) });
    const [stopped, recorded] = [loadFixture(browser, 'acao-mismatch'), loadFixture(browser, 'acao-null')];
    stopAll(tracker, [stopped, recorded]);
    for (const e of stopped.events) tracker.push(e);
    recordAll(tracker, [stopped, recorded]);
    for (const e of recorded.events) tracker.push(e);
    tracker.sweep(Number.MAX_SAFE_INTEGER);
    expect(new Set(ids).size).toBe(1);
    expect(tracker.inFlight).toBe(0);
  });
});
