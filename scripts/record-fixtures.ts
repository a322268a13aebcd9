/**
 * `npx tsx scripts/record-fixtures.ts [--browser chromium|firefox|both] [--out DIR]`
 *
 * Runs the whole CORS lab in real Debian Chromium (CDP) and Firefox ESR (WebDriver BiDi) and
 * writes real-browser-shaped HARs plus, separately, what each browser decided:
 *   DIR/chromium-lab.har          Chrome DevTools-shaped HAR (creator "WebInspector")
 *   DIR/chromium-lab.oracle.json  CDP corsErrorStatus per fetch (null = allowed)
 *   DIR/firefox-lab.har           Firefox DevTools-shaped HAR (creator "Firefox")
 *   DIR/firefox-lab.oracle.json   Firefox console reason per fetch (null = none)
 *   DIR/versions.json             browser versions, user agents, run ids, recording times
 * DIR defaults to test/fixtures/recorded. The HARs never contain the answer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLab } from '../lab/server.ts';
import { scenarios } from '../lab/scenarios.ts';
import { newRunId } from '../lab/urls.ts';
import { ROOT } from '../test/harness/browsers.ts';
import { recordLabInChromium } from '../test/harness/cdp-lab.ts';
import { recordLabInFirefox } from '../test/harness/bidi-lab.ts';
import type { Har } from '../test/harness/har.ts';
import type { Oracle } from '../test/harness/oracle.ts';

const { values } = parseArgs({
  options: {
    browser: { type: 'string', default: 'both' },
    out: { type: 'string', default: path.join(ROOT, 'test/fixtures/recorded') },
  },
});
const which = values.browser;
if (which !== 'chromium' && which !== 'firefox' && which !== 'both') {
  console.error(`--browser must be chromium, firefox or both (got ${which})`);
  process.exit(2);
}
const outDir = values.out;
mkdirSync(outDir, { recursive: true });

const versionsFile = path.join(outDir, 'versions.json');

function recordVersion(oracle: Oracle): void {
  const current: unknown = existsSync(versionsFile) ? JSON.parse(readFileSync(versionsFile, 'utf8')) : {};
  const all = typeof current === 'object' && current !== null ? { ...current } : {};
  const entry = { version: oracle.browserVersion, userAgent: oracle.userAgent, run: oracle.run, recordedAt: oracle.recordedAt };
  writeFileSync(versionsFile, `${JSON.stringify({ ...all, [oracle.browser]: entry }, null, 2)}\n`);
}

function write(name: string, har: Har, oracle: Oracle): void {
  recordVersion(oracle);
  writeFileSync(path.join(outDir, `${name}-lab.har`), `${JSON.stringify(har, null, 2)}\n`);
  writeFileSync(path.join(outDir, `${name}-lab.oracle.json`), `${JSON.stringify(oracle, null, 2)}\n`);
  const blocked = oracle.fetches.filter((f) => f.outcome === 'blocked').length;
  const unobserved = oracle.fetches.filter((f) => !f.observed).length;
  console.log(
    `${name} ${oracle.browserVersion}: ${har.log.entries.length} HAR entries, ${oracle.fetches.length} fetches ` +
      `(${blocked} blocked${unobserved ? `, ${unobserved} not observed` : ''}) → ${path.relative(process.cwd(), outDir)}/${name}-lab.{har,oracle.json}`,
  );
}

const lab = await startLab();
try {
  if (which === 'chromium' || which === 'both') {
    const rec = await recordLabInChromium({ lab, scenarios, run: newRunId('chromium') });
    write('chromium', rec.har, rec.oracle);
  }
  if (which === 'firefox' || which === 'both') {
    const rec = await recordLabInFirefox({ lab, scenarios, run: newRunId('firefox') });
    write('firefox', rec.har, rec.oracle);
  }
} finally {
  await lab.close();
}
