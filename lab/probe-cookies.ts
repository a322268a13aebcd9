/**
 * `tsx lab/probe-cookies.ts [--firefox] [--json out.json] [id…]`
 *
 * Runs the cookie scenarios (category `cookies`) in real Chromium in both third-party-cookie
 * worlds (profile pref `profile.cookie_controls_mode` 1 = block, 0 = allow) and prints, per
 * step, each Set-Cookie line Chromium refused (CDP reasons), each cookie it considered for a
 * request (sent, or the CDP reasons it was withheld), and this run's cookies in the jar after.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ChromiumCookieProbe, type ChromiumCookieStep, type CookieControlsMode } from './probe-cookies-chromium.ts';
import { cookieScenarios } from './scenarios-cookies.ts';
import { labLessons } from './scenarios.ts';
import { startLab } from './server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { firefox: { type: 'boolean', default: false }, json: { type: 'string' } },
});

const selected = cookieScenarios.filter((s) => positionals.length === 0 || positionals.includes(s.id));
const short = (s: string, run: string): string => s.replaceAll(run, '…').replace(/x{20,}/, 'x…x');

function print(world: string, id: string, run: string, st: ChromiumCookieStep): void {
  const lines = [`CR[${world}] ${id}#${st.step} ${st.result.ok ? `✓ ${st.result.status ?? ''}` : `✗ ${st.result.error ?? ''}`}`];
  for (const x of st.exchanges) {
    for (const l of x.setCookieLines) {
      const blocked = x.blockedCookies.find((b) => b.cookieLine === l);
      const exempt = x.exemptedCookies.find((b) => b.cookieLine === l);
      lines.push(`   set ${short(l, run).slice(0, 90)} → ${blocked ? `BLOCKED ${blocked.blockedReasons.join('+')}` : 'stored'}${exempt ? ` (exempt ${exempt.exemptionReason})` : ''}`);
    }
    if (x.cookiePartitionKey !== undefined) lines.push(`   partitionKey ${JSON.stringify(x.cookiePartitionKey)}`);
    for (const c of x.associatedCookies) {
      lines.push(`   req ${short(c.cookie.name, run)} → ${c.blockedReasons.length ? `WITHHELD ${c.blockedReasons.join('+')}` : 'sent'}${c.exemptionReason && c.exemptionReason !== 'None' ? ` (exempt ${c.exemptionReason})` : ''}`);
    }
  }
  lines.push(`   jar: ${st.jar.map((c) => `${short(c.name, run)}@${c.domain}${c.path}${c.partitionKey ? `[${c.partitionKey.topLevelSite}${c.partitionKey.hasCrossSiteAncestor ? ' x' : ''}]` : ''} ${c.sameSite ?? ''}${c.secure ? ' S' : ''}`).join(', ') || '-'}`);
  console.log(lines.join('\n'));
}

const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
const report: Record<string, unknown> = {};
try {
  for (const [world, mode] of values.firefox ? [] : ([['block', 1], ['allow', 0]] as [string, CookieControlsMode][])) {
    const probe = await ChromiumCookieProbe.launch(lab, mode);
    try {
      for (const s of selected) {
        const obs = await probe.run(s.id, s.steps.length);
        report[`chromium-${world}:${s.id}`] = obs;
        for (const st of obs.steps) print(world, s.id, obs.run, st);
      }
    } finally {
      await probe.close();
    }
  }
  if (values.firefox) {
    const { FirefoxCookieProbe } = await import('./probe-cookies-firefox.ts');
    for (const behavior of [5, 0, 1] as const) {
      const ff = await FirefoxCookieProbe.launch(lab, behavior);
      try {
        for (const s of selected) {
          const obs = await ff.run(lab, s.id, s.steps.length);
          report[`firefox-${behavior}:${s.id}`] = obs;
          for (const st of obs.steps) {
            const lines = [`FF[${behavior}] ${s.id}#${st.step} ${st.result.ok ? `✓ ${st.result.status ?? ''}` : `✗ ${st.result.error ?? ''}`}`];
            for (const m of st.messages) lines.push(`   console ${m.category} (flags ${m.flags}): ${short(m.message, obs.run).slice(0, 200)}`);
            for (const w of st.sent) lines.push(`   sent ${w.method} Cookie: ${w.cookie === null ? '-' : short(w.cookie, obs.run)}`);
            lines.push(`   jar: ${st.jar.map((c) => `${short(c.name, obs.run)}@${c.host}${c.path}${c.partitionKey ? `[${c.partitionKey}]` : ''} ss=${c.sameSite}${c.secure ? ' S' : ''}`).join(', ') || '-'}`);
            console.log(lines.join('\n'));
          }
        }
      } finally {
        await ff.close();
      }
    }
  }
} finally {
  await lab.close();
}
if (values.json) await writeFile(values.json, JSON.stringify(report, null, 2));
