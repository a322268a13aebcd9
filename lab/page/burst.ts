/**
 * /burst.html: `labBurst(n, preflightedFraction)` fires n concurrent cross-site fetches through
 * the knob endpoint; the preflighted ones are PUTs with a custom header. Every URL has its own run,
 * so no preflight-cache hit hides a preflight.
 */
import { newRunId } from '../urls.ts';
import './globals.ts';
import { loadTable } from './table.ts';

function isPreflighted(i: number, fraction: number): boolean {
  // spreads the preflighted ones evenly: exactly round(n * fraction) of them
  return Math.floor((i + 1) * fraction + 1e-9) > Math.floor(i * fraction + 1e-9);
}

window.labReady = loadTable().then(() => undefined);

window.labBurst = async (n, preflightedFraction = 0.5) => {
  const { origins } = await loadTable();
  const run = newRunId('burst');
  const started = performance.now();
  const jobs = Array.from({ length: n }, (_, i) => {
    const pf = isPreflighted(i, preflightedFraction);
    const q = `run=${encodeURIComponent(`${run}-${i}`)}&acao=origin${pf ? '&acam=PUT&acah=x-burst' : ''}`;
    const url = `${origins['cross-site']}/k/${i}?${q}`;
    const init: RequestInit = pf ? { method: 'PUT', headers: { 'X-Burst': String(i) }, body: 'x' } : {};
    return fetch(url, init).then(
      async (r) => ({ pf, ok: true, text: await r.text() }),
      (e: unknown) => ({ pf, ok: false, text: String(e) }),
    );
  });
  const results = await Promise.all(jobs);
  const failed = results.filter((r) => !r.ok);
  const out = {
    n,
    preflighted: results.filter((r) => r.pf).length,
    ok: n - failed.length,
    failed: failed.length,
    ms: Math.round(performance.now() - started),
    errors: failed.slice(0, 5).map((r) => r.text),
    run,
  };
  const status = document.getElementById('status');
  if (status) status.textContent = JSON.stringify(out);
  return out;
};
