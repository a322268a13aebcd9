import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './scenarios.ts';
import { startLab, type Lab } from './server.ts';
import { rawRequest, values } from './test-http.ts';

function ipv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
});
afterAll(async () => {
  await lab.close();
});

describe('startLab', () => {
  it('exposes the origins: page on localhost, API as localhost (same-site) and 127.0.0.1 (cross-site)', () => {
    expect(lab.pageOrigin).toBe(`http://localhost:${lab.ports.page}`);
    expect(lab.apiSameSite).toBe(`http://localhost:${lab.ports.api}`);
    expect(lab.apiCrossSite).toBe(`http://127.0.0.1:${lab.ports.api}`);
    expect(lab.apiCrossSiteAlt).toBe(`http://127.0.0.1:${lab.ports.apiAlt}`);
    expect(new Set([lab.ports.page, lab.ports.api, lab.ports.apiAlt]).size).toBe(3);
  });

  it('answers on 127.0.0.1 and (where the machine has IPv6 loopback) on ::1 for every port', async () => {
    const v6 = await ipv6Loopback();
    for (const port of [lab.ports.page, lab.ports.api, lab.ports.apiAlt]) {
      expect((await rawRequest(`http://127.0.0.1:${port}/s/simple-get-pass/0?run=v4`)).status).toBe(200);
      if (v6) expect((await rawRequest(`http://[::1]:${port}/s/simple-get-pass/0?run=v6`)).status).toBe(200);
    }
  });

  it('serves the page, its scripts (bundled by esbuild), the table and the origins', async () => {
    const page = await fetch(`${lab.pageOrigin}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/lab.js');
    for (const js of ['/lab.js', '/frame.js', '/worker.js', '/burst.js']) {
      const r = await fetch(`${lab.pageOrigin}${js}`);
      expect(r.status, js).toBe(200);
      expect(r.headers.get('content-type')).toContain('javascript');
      expect((await r.text()).length).toBeGreaterThan(100);
    }
    expect(await (await fetch(`${lab.pageOrigin}/scenarios.json`)).json()).toEqual(JSON.parse(JSON.stringify(scenarios)));
    expect(await (await fetch(`${lab.pageOrigin}/origins.json`)).json()).toEqual(lab.origins);
    expect((await fetch(`${lab.apiCrossSite}/`)).status).toBe(404); // the API serves no page
  });

  it('routes a scenario and logs it on the wire with raw headers, scenario and run', async () => {
    const r = await fetch(`${lab.apiCrossSite}/s/simple-get-pass/0/0?run=route-1`, { headers: { Origin: lab.pageOrigin, 'X-Dup': 'a' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(lab.pageOrigin);
    const e = await lab.waitForWire((w) => w.run === 'route-1');
    expect(e).toMatchObject({ server: 'api', host: `127.0.0.1:${lab.ports.api}`, method: 'GET', scenario: 'simple-get-pass', run: 'route-1' });
    expect(e.path).toBe('/s/simple-get-pass/0/0?run=route-1');
    expect(e.localAddress).toBe('127.0.0.1');
    expect(e.url).toBe(`${lab.apiCrossSite}/s/simple-get-pass/0/0?run=route-1`);
    expect(values(e.headers, 'origin')).toEqual([lab.pageOrigin]);
    expect(e.response.status).toBe(200);
    expect(values(e.response.headers, 'access-control-allow-origin')).toEqual([lab.pageOrigin]);
  });

  it('keeps duplicate request header lines in the wire log, in order', async () => {
    await rawRequest(`${lab.apiCrossSite}/s/simple-get-pass/0?run=dup-req`, { headers: { 'X-Dup': ['one', 'two'] } });
    const e = await lab.waitForWire((w) => w.run === 'dup-req');
    expect(values(e.headers, 'x-dup')).toEqual(['one', 'two']);
  });

  it('sends duplicate response header lines raw', async () => {
    const r = await rawRequest(`${lab.apiCrossSite}/s/acao-two-lines/0?run=dup-res`, { headers: { Origin: lab.pageOrigin } });
    expect(values(r.headers, 'access-control-allow-origin')).toEqual([lab.pageOrigin, lab.pageOrigin]);
    expect(values(r.headers, 'date')).toEqual([]);
  });

  it('answers preflights from the table', async () => {
    const r = await rawRequest(`${lab.apiCrossSite}/s/preflight-acah-json-pass/0?run=pre-1`, {
      method: 'OPTIONS',
      headers: { Origin: lab.pageOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(r.status).toBe(204);
    expect(values(r.headers, 'access-control-allow-headers')).toEqual(['Content-Type']);
    const e = await lab.waitForWire((w) => w.run === 'pre-1' && w.method === 'OPTIONS');
    expect(values(e.headers, 'access-control-request-headers')).toEqual(['content-type']);
  });

  it('serves same-origin scenarios from the page server', async () => {
    const r = await rawRequest(`${lab.pageOrigin}/s/redirect-same-to-cross-pass/0/0?run=so-1`);
    expect(r.status).toBe(302);
    expect(values(r.headers, 'location')).toEqual([`${lab.apiCrossSite}/s/redirect-same-to-cross-pass/0/1?run=so-1`]);
    const e = await lab.waitForWire((w) => w.run === 'so-1');
    expect(e.server).toBe('page');
  });

  it('follows a redirect chain across origins (undici follows, Origin header is ours)', async () => {
    const r = await fetch(`${lab.apiSameSite}/s/redirect-cross-to-other-acao-null/0/0?run=chain-1`, { headers: { Origin: 'null' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('null');
    const hops = lab.wire.filter((w) => w.run === 'chain-1').map((w) => [w.host, w.response.status]);
    expect(hops).toEqual([[`localhost:${lab.ports.api}`, 302], [`127.0.0.1:${lab.ports.api}`, 200]]);
  });

  it('isolates runs: entries carry their own run id', async () => {
    await fetch(`${lab.apiCrossSite}/s/preflight-put-pass/0?run=iso-a`, { method: 'PUT' });
    await fetch(`${lab.apiCrossSite}/s/preflight-put-pass/0?run=iso-b`, { method: 'PUT' });
    await fetch(`${lab.apiCrossSite}/s/preflight-put-pass/0?run=iso-b`, { method: 'PUT' });
    expect(lab.wire.filter((w) => w.run === 'iso-a')).toHaveLength(1);
    expect(lab.wire.filter((w) => w.run === 'iso-b')).toHaveLength(2);
    const seqs = lab.wire.map((w) => w.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('logs unknown paths with scenario null or the id it names', async () => {
    await fetch(`${lab.apiCrossSite}/s/no-such-thing/0?run=unk`);
    await fetch(`${lab.apiCrossSite}/elsewhere?run=unk2`);
    expect((await lab.waitForWire((w) => w.run === 'unk')).response.status).toBe(404);
    expect((await lab.waitForWire((w) => w.run === 'unk')).scenario).toBe('no-such-thing');
    expect((await lab.waitForWire((w) => w.run === 'unk2')).scenario).toBeNull();
  });

  it('waitForWire waits for a future entry and times out otherwise', async () => {
    const waiting = lab.waitForWire((w) => w.run === 'future-1', 2000);
    await fetch(`${lab.apiCrossSite}/s/simple-get-pass/0?run=future-1`);
    expect((await waiting).run).toBe('future-1');
    await expect(lab.waitForWire((w) => w.run === 'never', 30)).rejects.toThrow(/no matching request/);
  });

  it('clearWire empties the live log', async () => {
    await fetch(`${lab.apiCrossSite}/s/simple-get-pass/0?run=clear-1`);
    expect(lab.wire.length).toBeGreaterThan(0);
    lab.clearWire();
    expect(lab.wire).toHaveLength(0);
    await fetch(`${lab.apiCrossSite}/s/simple-get-pass/0?run=clear-2`);
    expect(lab.wire.map((w) => w.run)).toEqual(['clear-2']);
  });

  it('answers knob URLs', async () => {
    const r = await rawRequest(`${lab.apiCrossSite}/k/1?run=knob&acao=origin&acam=PUT&max_age=5`, { method: 'OPTIONS', headers: { Origin: 'http://x' } });
    expect(values(r.headers, 'access-control-allow-origin')).toEqual(['http://x']);
    expect(values(r.headers, 'access-control-max-age')).toEqual(['5']);
  });
});

describe('close', () => {
  it('frees the ports and refuses further connections', async () => {
    const own = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
    const url = `${own.apiCrossSite}/s/simple-get-pass/0?run=c`;
    // keep-alive connection open across close()
    expect((await fetch(url)).status).toBe(200);
    await own.close();
    await own.close(); // idempotent
    await expect(fetch(url)).rejects.toThrow();
    const again = await startLab({ pagePort: own.ports.page, apiPort: own.ports.api, apiAltPort: own.ports.apiAlt });
    expect(again.pageOrigin).toBe(own.pageOrigin);
    await again.close();
  });

  it('fails clearly when an explicit port is taken', async () => {
    await expect(startLab({ pagePort: lab.ports.page, apiPort: 0, apiAltPort: 0 })).rejects.toThrow(/EADDRINUSE/);
  });
});
