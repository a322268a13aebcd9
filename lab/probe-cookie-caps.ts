/**
 * `tsx lab/probe-cookie-caps.ts [--firefox] [--json out.json] [id…]`
 *
 * Runs the cookie-cap lessons (lab/scenarios-cookie-caps.ts), each in a fresh browser, and prints
 * which of the 200 cookies the last request carried and which the jar holds: Chromium (blocking
 * third-party cookies, its default; CDP `associatedCookies` and `Network.getAllCookies`) or
 * Firefox (cookieBehavior 5, its default; the lab's wire log and `Services.cookies`).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ChromiumCookieProbe } from './probe-cookies-chromium.ts';
import { FirefoxCookieProbe } from './probe-cookies-firefox.ts';
import { capIndexRanges, cookieCapScenarios } from './scenarios-cookie-caps.ts';
import { labLessons } from './scenarios.ts';
import { startLab } from './server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { firefox: { type: 'boolean', default: false }, json: { type: 'string' } },
});

const ranges = (names: readonly string[]): string => `${names.length} [${capIndexRanges(names)}]`;

const cookieNames = (header: string | null): string[] => (header ?? '').split(';').map((p) => p.trim().split('=')[0] ?? '').filter((n) => n !== '');

const selected = cookieCapScenarios.filter((s) => positionals.length === 0 || positionals.includes(s.id));
const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
const report: Record<string, unknown> = {};
try {
  for (const s of selected) {
    if (values.firefox) {
      const ff = await FirefoxCookieProbe.launch(lab, 5);
      try {
        const obs = await ff.run(lab, s.id, s.steps.length);
        const last = obs.steps.at(-1);
        const sent = cookieNames(last?.sent.at(-1)?.cookie ?? null);
        report[`firefox:${s.id}`] = { sent, jar: last?.jar.map((c) => c.name), messages: obs.steps.flatMap((st) => st.messages) };
        console.log(`FF ${s.id}\n   sent ${ranges(sent)}\n   jar  ${ranges(last?.jar.map((c) => c.name) ?? [])}`);
        for (const m of obs.steps.flatMap((st) => st.messages).slice(0, 5)) console.log(`   console ${m.category}: ${m.message.slice(0, 160)}`);
      } finally {
        await ff.close();
      }
    } else {
      const probe = await ChromiumCookieProbe.launch(lab, 1);
      try {
        const obs = await probe.run(s.id, s.steps.length);
        const last = obs.steps.at(-1);
        const considered = last?.exchanges.flatMap((x) => x.associatedCookies) ?? [];
        const sent = considered.filter((c) => c.blockedReasons.length === 0).map((c) => c.cookie.name);
        const blocked = obs.steps.flatMap((st) => st.exchanges.flatMap((x) => x.blockedCookies));
        report[`chromium:${s.id}`] = { sent, jar: last?.jar.map((c) => c.name), blocked };
        console.log(`CR ${s.id}\n   sent ${ranges(sent)} (considered ${considered.length})\n   jar  ${ranges(last?.jar.map((c) => c.name) ?? [])}\n   blocked lines ${blocked.length}`);
      } finally {
        await probe.close();
      }
    }
  }
} finally {
  await lab.close();
}
if (values.json) await writeFile(values.json, JSON.stringify(report, null, 2));
