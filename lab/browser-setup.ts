/**
 * How to start Chromium for scenarios with a `browserSetup` (Local Network Access lessons), and
 * which URL to open the lab page at. Chromium-only: Firefox ESR 153 has no such checks.
 */
import type { Lab } from './server.ts';
import type { BrowserSetup } from './types.ts';

/** A hostname Chromium is told to resolve to 127.0.0.1; not a secure context, unlike localhost. */
export const INSECURE_PAGE_HOST = 'lab.test';

/**
 * For every lab run recorded over a page-level CDP session (the differential recorder, the
 * probe): Chromium 156 runs sandboxed iframes out of process, and such a session saw none of
 * their requests (verified); with this switch it sees them. Where a frame runs changes no CORS
 * decision (the network service makes them), and DevTools' own HAR export lists out-of-process
 * frames' requests anyway.
 */
const RECORDABLE_FRAMES = '--disable-site-isolation-trials';

/** Extra Chromium command-line switches for a setup (and for recording the lab at all). */
export function chromiumArgsFor(setup: BrowserSetup | undefined, lab: Lab): string[] {
  if (!setup) return [RECORDABLE_FRAMES];
  const p = lab.ports.page;
  // the page server counts as a public website, whichever loopback address the browser used
  const args = [RECORDABLE_FRAMES, `--ip-address-space-overrides=127.0.0.1:${p}=public,[::1]:${p}=public`];
  if (setup === 'page-public-insecure') args.push(`--host-resolver-rules=MAP ${INSECURE_PAGE_HOST} 127.0.0.1`);
  return args;
}

/** The lab page URL to open for a setup. */
export function pageUrlFor(setup: BrowserSetup | undefined, lab: Lab): string {
  if (setup === 'page-public-insecure') return `http://${INSECURE_PAGE_HOST}:${lab.ports.page}/`;
  return `${lab.pageOrigin}/`;
}
