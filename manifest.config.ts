/**
 * The one source manifest. `manifestFor(target)` applies the small per-browser transform:
 * Chrome gets an MV3 service worker; Firefox gets `background.scripts` (crxjs emits it with
 * `browser: 'firefox'`) plus `browser_specific_settings.gecko`. Two hand-kept manifests drift.
 */
import pkg from './package.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

export const GECKO_ID = 'cors-inspector@cors-inspector.dev';
/** Firefox 140 ESR: MV3 with storage.session, and the first ESR that knows `data_collection_permissions`. */
export const FIREFOX_MIN_VERSION = '140.0';

/** The panel page: referenced only from script (`devtools.panels.create`), so the build lists it. */
export const PANEL_PAGE = 'src/panel/panel.html';

interface ManifestV3 {
  manifest_version: 3;
  name: string;
  version: string;
  description: string;
  devtools_page: string;
  background: { service_worker: string; type: 'module' } | { scripts: string[]; type: 'module' };
  permissions: string[];
  host_permissions: string[];
  icons: Record<string, string>;
  minimum_chrome_version?: string;
  browser_specific_settings?: {
    gecko: {
      id: string;
      strict_min_version: string;
      data_collection_permissions: { required: string[] };
    };
  };
}

const WORKER = 'src/background/index.ts';

export function manifestFor(target: Target): ManifestV3 {
  const base = {
    manifest_version: 3 as const,
    name: 'CORS Inspector',
    version: pkg.version,
    description: pkg.description,
    devtools_page: 'src/devtools/devtools.html',
    /**
     * `privacy` shows an install-time warning ("change your privacy-related settings" in Chrome,
     * "read and modify privacy settings" in Firefox). It is worth it: whether third-party cookies
     * are blocked decides every cross-site cookie (UserPreferences in Chromium, partitioning or
     * rejection in Firefox), a recording can only infer it, and `privacy.websites` is the one API
     * that says it. The extension only reads it (src/platform/browser.ts `readCookieSetting`).
     * `cookies` adds no warning of its own: in Chrome the `<all_urls>` host permission already
     * warns about all data on all websites (`management.getPermissionWarningsByManifest` gives the
     * same list with and without it, test/e2e/live-cookies-chromium.test.ts); Firefox 153 has no
     * prompt string for it (its toolkit/global/extensionPermissions.ftl names none).
     * It is worth it: the browser's jar is the only witness of whether a `Set-Cookie` line was
     * stored and of cookies that matched a request but were not sent when the recording never
     * saw them set (src/background/jar-watch.ts). Read-only; values never leave the worker.
     * `alarms` (no warning) wakes the worker to drop a tab's log once no panel has been connected
     * for it for a while (src/background/retention.ts).
     */
    permissions: ['webRequest', 'storage', 'privacy', 'alarms', 'cookies'],
    host_permissions: ['<all_urls>'],
    icons: { '16': 'icons/icon-16.png', '48': 'icons/icon-48.png', '128': 'icons/icon-128.png' },
  };
  switch (target) {
    case 'chrome':
      return {
        ...base,
        // storage.session and webRequest `extraHeaders` in MV3 service workers.
        minimum_chrome_version: '116',
        background: { service_worker: WORKER, type: 'module' },
      };
    case 'firefox':
      return {
        ...base,
        background: { scripts: [WORKER], type: 'module' },
        browser_specific_settings: {
          gecko: {
            id: GECKO_ID,
            strict_min_version: FIREFOX_MIN_VERSION,
            data_collection_permissions: { required: ['none'] },
          },
        },
      };
    default: {
      const unknownTarget: never = target;
      throw new Error(`unknown target ${String(unknownTarget)}`);
    }
  }
}
