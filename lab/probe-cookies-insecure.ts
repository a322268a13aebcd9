/**
 * `tsx lab/probe-cookies-insecure.ts`: Secure cookies and prefixes on a page that is NOT a secure
 * context. Chromium maps `lab.test` to 127.0.0.1 (`--host-resolver-rules`), so
 * `http://lab.test:<pagePort>` is plain http on a non-loopback name; the page fetches cookie
 * lessons from its own origin and the probe prints what Chromium said (CDP), including for a
 * `Secure` cookie planted for `lab.test` through CDP.
 */
import { INSECURE_PAGE_HOST } from './browser-setup.ts';
import { ChromiumCookieProbe } from './probe-cookies-chromium.ts';
import { labLessons } from './scenarios.ts';
import { startLab } from './server.ts';
import { newRunId } from './urls.ts';

const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
const origin = `http://${INSECURE_PAGE_HOST}:${lab.ports.page}`;
try {
  const probe = await ChromiumCookieProbe.launch(lab, 0, { args: [`--host-resolver-rules=MAP ${INSECURE_PAGE_HOST} 127.0.0.1`], pageUrl: `${origin}/` });
  try {
    const run = newRunId('insecure');
    await probe.plantCookie({ name: `planted_${run}`, value: '1', url: `https://${INSECURE_PAGE_HOST}/`, path: '/', secure: true });
    const q = `?run=${encodeURIComponent(run)}`;
    const steps = await probe.runFetches(run, [`${origin}/s/cookie-secure-loopback/0/0${q}`, `${origin}/s/cookie-prefix-secure/0/0${q}`, `${origin}/s/cookie-prefix-host/0/0${q}`]);
    console.log(JSON.stringify(steps, null, 1));
  } finally {
    await probe.close();
  }
} finally {
  await lab.close();
}

// Firefox: `network.dns.localDomains` resolves lab.test to loopback; the name is still not secure
const { FirefoxCookieProbe } = await import('./probe-cookies-firefox.ts');
const lab2 = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
const origin2 = `http://${INSECURE_PAGE_HOST}:${lab2.ports.page}`;
try {
  const ff = await FirefoxCookieProbe.launch(lab2, 5, { prefs: { 'network.dns.localDomains': INSECURE_PAGE_HOST }, pageUrl: `${origin2}/` });
  try {
    const run = newRunId('insecure');
    const q = `?run=${encodeURIComponent(run)}`;
    const steps = await ff.runFetches(lab2, run, [`${origin2}/s/cookie-secure-loopback/0/0${q}`, `${origin2}/s/cookie-prefix-secure/0/0${q}`, `${origin2}/s/cookie-prefix-host/0/0${q}`]);
    console.log(JSON.stringify(steps, null, 1));
  } finally {
    await ff.close();
  }
} finally {
  await lab2.close();
}
