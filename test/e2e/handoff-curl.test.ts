/**
 * Copy as cURL, end to end: record lab scenarios in real Chromium (CDP → a DevTools-shaped HAR),
 * read the HAR as the CLI does, build each exchange's preflight and request curl (bash), run them
 * with the system `curl` against the lab, and require the lab to see what the browser sent: the
 * method, the CORS request headers, every other header the browser sent (curl derives Host,
 * Content-Length and Accept-Encoding itself) and the body, byte for byte. A hostile scenario puts
 * quotes, `$(…)`, backticks, `%`, `^`, `!`, newlines, NUL and non-ASCII into a header and the body;
 * a canary file must never appear.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab, type WireEntry } from '../../lab/server.ts';
import { H, ok, pre, step } from '../../lab/scenario-kit.ts';
import { scenarios } from '../../lab/scenarios.ts';
import type { Scenario } from '../../lab/types.ts';
import { preflightCommand, requestCommand } from '../../src/shared/handoff/commands.ts';
import { preflightRequest } from '../../src/shared/handoff/request-parts.ts';
import { readHarDocument } from '../../src/shared/har/read-har.ts';
import { validateHar } from '../../src/shared/har/validate.ts';
import type { ObservedExchange } from '../../src/shared/model/exchange.ts';
import { recordLabInChromium } from '../harness/cdp-lab.ts';

const dir = mkdtempSync(join(tmpdir(), 'handoff-curl-'));
const CANARY = join(dir, 'CANARY');
const touch = `touch ${CANARY}`;

const HOSTILE: Scenario = {
  id: 'handoff-hostile',
  title: 'Hostile header and body',
  teaches: 'A copied curl must send exactly these bytes and run nothing.',
  category: 'preflight',
  steps: [
    step('cross-site', ok(H.acaoOrigin), {
      method: 'POST',
      headers: [
        ['Content-Type', 'text/plain; charset=utf-8'],
        // fetch() takes ASCII-only header values here; non-ASCII goes in the body.
        ['X-Hostile', `a'b"c $(${touch}) \`${touch}\` ;|& %PATH% ^& !! <x> #`],
      ],
      body: `line 1\nit's "quoted" $(${touch}) \`${touch}\` ; %PATH% ^& !! \r\n é 😀 \u0000 NUL \u202e end`,
      preflight: pre(H.acaoOrigin, H.acam('POST'), H.acah('content-type, x-hostile')),
      hypothesis: { ok: true, preflight: 'sent' },
    }),
  ],
};

const IDS = ['simple-get-pass', 'preflight-put-pass', 'preflight-acah-json-pass', 'preflight-acah-custom-pass', 'preflight-missing-acah-custom', 'cache-max-age-60'];
const LIST: Scenario[] = [...scenarios.filter((s) => IDS.includes(s.id)), HOSTILE];

let lab: Lab;
let exchanges: ObservedExchange[] = [];
let browserWire: WireEntry[] = [];

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: LIST });
  const recording = await recordLabInChromium({ lab, scenarios: LIST, run: `handoff-${Date.now().toString(36)}` });
  const validated = validateHar(recording.har);
  if (!validated.ok) throw new Error(validated.error.message);
  exchanges = [...readHarDocument(validated.value).exchanges];
  browserWire = lab.wire.filter((e) => e.server === 'api');
});

afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a copied command in bash with the real curl (asynchronously: the lab runs in this process); resolves to what the lab saw. */
async function runCopied(command: string): Promise<WireEntry> {
  const last = lab.wire[lab.wire.length - 1]?.seq ?? 0;
  const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((done) => child.on('close', done));
  expect(status, `${command}\n${stderr}`).toBe(0);
  return lab.waitForWire((e) => e.seq > last, 5_000);
}

const DERIVED = new Set(['host', 'content-length', 'accept-encoding']);
const lines = (e: WireEntry, keep: (name: string) => boolean): string[] =>
  e.headers.filter(([n]) => keep(n.toLowerCase())).map(([n, v]) => `${n.toLowerCase()}: ${v}`).sort();

/** The browser's `index`-th request with this method and URL. */
function browserSent(method: string, url: string, index: number): WireEntry | undefined {
  return browserWire.filter((e) => e.method === method && e.url === url)[index];
}

function occurrence(x: ObservedExchange, method: string, url: string, pick: (o: ObservedExchange) => { method: string; url: string } | null): number {
  return exchanges.slice(0, exchanges.indexOf(x)).filter((o) => {
    const r = pick(o);
    return r !== null && r.method === method && r.url === url;
  }).length;
}

describe('copied curl commands against the lab', () => {
  it('recorded every scenario', () => {
    for (const id of [...IDS, HOSTILE.id]) expect(exchanges.some((x) => x.legs[0]?.request.url.includes(`/s/${id}/`)), id).toBe(true);
  });

  it('each preflight curl sends what the browser sent: OPTIONS, Origin, Access-Control-Request-*', async () => {
    let checked = 0;
    for (const x of exchanges) {
      const parts = preflightRequest(x);
      const command = preflightCommand(x);
      if (parts === null || command === null) continue;
      const seen = await runCopied(command);
      // A preflight from the cache never went on the wire: compare with the one that filled the cache.
      const browser = browserWire.find((e) => e.method === 'OPTIONS' && e.url === parts.url);
      expect(browser, parts.url).toBeDefined();
      const cors = (n: string): boolean => n === 'origin' || n.startsWith('access-control-request-');
      expect(seen.method).toBe('OPTIONS');
      expect(seen.url).toBe(browser?.url);
      expect(lines(seen, cors)).toEqual(browser === undefined ? [] : lines(browser, cors));
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('each request curl sends the method, every header and the body the browser sent', async () => {
    let checked = 0;
    for (const x of exchanges) {
      const leg = x.legs[0];
      if (leg === undefined || leg.request.headersProvisional === true || leg.response === null) continue;
      const browser = browserSent(leg.request.method, leg.request.url, occurrence(x, leg.request.method, leg.request.url, (o) => o.legs[0]?.request ?? null));
      if (browser === undefined) continue;
      const seen = await runCopied(requestCommand(x) ?? '');
      expect(seen.method).toBe(browser.method);
      expect(seen.url).toBe(browser.url);
      expect(lines(seen, (n) => !DERIVED.has(n))).toEqual(lines(browser, (n) => !DERIVED.has(n)));
      expect(Buffer.from(seen.body ?? []).toString('hex')).toBe(Buffer.from(browser.body ?? []).toString('hex'));
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('the hostile values arrived intact and ran nothing', () => {
    const sent = lab.wire.filter((e) => e.url.includes('/s/handoff-hostile/') && e.method === 'POST');
    expect(sent.length).toBeGreaterThanOrEqual(2); // the browser's and curl's
    const bodies = new Set(sent.map((e) => Buffer.from(e.body ?? []).toString('hex')));
    expect(bodies.size).toBe(1);
    expect(Buffer.from(sent[0]?.body ?? []).toString('utf8')).toContain('\u0000 NUL');
    expect(existsSync(CANARY)).toBe(false);
  });
});
