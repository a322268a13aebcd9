/**
 * How to start Chromium for scenarios with a `browserSetup` (Local Network Access lessons), and
 * which URL to open the lab page at. Chromium-only: Firefox ESR 153 has no such checks.
 */
import type { Lab } from './server.ts';
import type { BrowserSetup } from './types.ts';

/** A hostname Chromium is told to resolve to 127.0.0.1; not a secure context, unlike localhost. */
export const INSECURE_PAGE_HOST = 'lab.test';

/** Extra Chromium command-line switches for a setup. */
export function chromiumArgsFor(setup: BrowserSetup | undefined, lab: Lab): string[] {
  if (!setup) return [];
  const p = lab.ports.page;
  // the page server counts as a public website, whichever loopback address the browser used
  const args = [`--ip-address-space-overrides=127.0.0.1:${p}=public,[::1]:${p}=public`];
  if (setup === 'page-public-insecure') args.push(`--host-resolver-rules=MAP ${INSECURE_PAGE_HOST} 127.0.0.1`);
  return args;
}

/** The lab page URL to open for a setup. */
export function pageUrlFor(setup: BrowserSetup | undefined, lab: Lab): string {
  if (setup === 'page-public-insecure') return `http://${INSECURE_PAGE_HOST}:${lab.ports.page}/`;
  return `${lab.pageOrigin}/`;
}
