/**
 * `tsx lab/probe.ts [--firefox [--cold-firefox]] [--skip-slow] [--incognito | --allow-3pc] [--check] [--json out.json] [id…]`
 *
 * Runs scenarios step by step in real Chromium (and Firefox ESR with --firefox) and prints one line
 * per step: what the page saw, the browser's verdict, how many OPTIONS reached the lab, and whether
 * that matches the scenario's hypothesis. --check exits 1 on any Chromium mismatch.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ChromiumProbe, type ChromiumStepObservation } from './probe-chromium.ts';
import { scenarios } from './scenarios.ts';
import { startLab } from './server.ts';
import type { StepHypothesis, StepResult } from './types.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    firefox: { type: 'boolean', default: false },
    'skip-slow': { type: 'boolean', default: false },
    incognito: { type: 'boolean', default: false },
    'allow-3pc': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    'cold-firefox': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

function seen(r: StepResult): string {
  if (!r.ok) return `✗ ${r.error ?? ''}`;
  let cookie = '';
  if (r.body?.startsWith('{"scenario"')) cookie = ` cookie=${(JSON.parse(r.body) as { cookie: string | null }).cookie ?? '-'}`;
  const read = r.readHeaders ? ` read=${JSON.stringify(r.readHeaders)}` : '';
  return `✓ ${r.status ?? ''} ${r.type ?? ''}${cookie}${read}`.replace(/ +/g, ' ').trim();
}

function preflightOf(wireOptions: number): 'sent' | 'none' {
  return wireOptions > 0 ? 'sent' : 'none';
}

/** Differences between a hypothesis and what was seen; empty when it held. */
function mismatches(h: StepHypothesis | undefined, ok: boolean, verdict: string | null, wireOptions: number, browser: 'chromium' | 'firefox'): string[] {
  if (!h) return [];
  const bad: string[] = [];
  const wantOk = browser === 'firefox' ? (h.firefoxOk ?? h.ok) : h.ok;
  if (wantOk !== ok) bad.push(`ok should be ${wantOk}`);
  const expected = (browser === 'chromium' ? h.chromium : h.firefox) ?? null;
  if (expected !== verdict && !(browser === 'firefox' && expected === null && wantOk === false)) bad.push(`expected ${expected ?? 'no CORS error'}`);
  const pf = preflightOf(wireOptions);
  const want = browser === 'firefox' ? (h.firefoxPreflight ?? h.preflight) : h.preflight;
  if (want === 'cached' && pf === 'sent') bad.push('expected a preflight-cache hit');
  if (want === 'sent' && pf !== 'sent') bad.push('expected a preflight on the wire');
  if (want === 'none' && pf !== 'none') bad.push('unexpected preflight');
  return bad;
}

function chromiumVerdict(st: ChromiumStepObservation): string {
  if (st.corsError) return `${st.corsError}(${st.failedParameter ?? ''})`;
  return st.errorText ? `net:${st.errorText}` : '-';
}

const selected = scenarios.filter((s) => (positionals.length === 0 || positionals.includes(s.id)) && !(values['skip-slow'] && s.slow));
const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
const report: Record<string, { chromium?: unknown; firefox?: unknown }> = {};
let chromiumMismatches = 0;
try {
  for (const setup of new Set(selected.map((s) => s.browserSetup))) {
    const probe = await ChromiumProbe.launch(lab, {
      persistent: !values.incognito,
      allowThirdPartyCookies: values['allow-3pc'],
      ...(setup ? { setup } : {}),
    });
    try {
      for (const s of selected.filter((x) => x.browserSetup === setup)) {
        const obs = await probe.run(lab, s.id, s.steps.length);
        report[s.id] = { chromium: obs };
        for (const st of obs.steps) {
          const bad = mismatches(s.steps[st.step]?.hypothesis, st.result.ok, st.corsError, st.wireOptions, 'chromium');
          chromiumMismatches += bad.length ? 1 : 0;
          const cookies = [...st.setCookieBlocked.map((c) => `set-blocked ${c}`), ...st.cookieBlocked.map((c) => `send-blocked ${c}`)];
          console.log([`CR ${s.id}#${st.step}`, seen(st.result), chromiumVerdict(st), `OPTIONS=${st.wireOptions}`, ...cookies, bad.length ? `MISMATCH: ${bad.join('; ')}` : 'as expected'].join(' | '));
        }
      }
    } finally {
      await probe.close();
    }
  }
  if (values.firefox) {
    const { FirefoxProbe } = await import('./probe-firefox.ts');
    const ff = await FirefoxProbe.launch(lab);
    try {
      if (!values['cold-firefox']) {
        const tries = await ff.warmPreflightCache(lab);
        console.log(`FF (warm-up: the preflight cache served a repeat on attempt ${tries} of cache-max-age-60; --cold-firefox skips this)`);
      }
      // browserSetup scenarios are Chromium-only
      for (const s of selected.filter((x) => !x.browserSetup)) {
        const obs = await ff.run(lab, s.id, s.steps.length);
        report[s.id] = { ...report[s.id], firefox: obs };
        for (const st of obs.steps) {
          const first = st.details.find((d) => d.key !== 'CORSDidNotSucceed2') ?? st.details[0];
          const bad = mismatches(s.steps[st.step]?.hypothesis, st.result.ok, first?.key ?? null, st.wireOptions, 'firefox');
          const reasons = st.details.map((d) => (d.param ? `${d.key}(${d.param})` : d.key)).join(', ') || '-';
          console.log([`FF ${s.id}#${st.step}`, seen(st.result), reasons, `OPTIONS=${st.wireOptions}`, bad.length ? `MISMATCH: ${bad.join('; ')}` : 'as expected'].join(' | '));
        }
      }
    } finally {
      await ff.close();
    }
  }
} finally {
  await lab.close();
}
if (values.json) await writeFile(values.json, JSON.stringify(report, null, 2));
if (values.check && chromiumMismatches > 0) {
  console.error(`${chromiumMismatches} Chromium step(s) differ from their hypothesis`);
  process.exitCode = 1;
}
