import { describe, expect, it } from 'vitest';
import { cookieSettingFromApi } from '../../src/shared/cookies/browser-setting.ts';
import { launchChromium, launchFirefox } from '../harness/browsers.ts';

describe('browsers launch with the extension', () => {
  it('Chromium loads dist/chrome and its service worker runs', async () => {
    const s = await launchChromium({ extension: true });
    try {
      expect(s.extensionId).toMatch(/^[a-p]{32}$/);
      const manifest = await s.worker!.evaluate(() => chrome.runtime.getManifest().manifest_version);
      expect(manifest).toBe(3);
      // the privacy permission answers the third-party-cookie setting: blocked, Chromium 156's default
      const answer = await s.worker!.evaluate(() => chrome.privacy.websites.thirdPartyCookiesAllowed.get({}));
      expect(cookieSettingFromApi('chromium', answer)).toEqual({ browser: 'chromium', thirdPartyCookies: 'blocked' });
    } finally {
      await s.close();
    }
  });
  it('Firefox installs dist/firefox as a temporary add-on', async () => {
    const s = await launchFirefox({ extension: true });
    try {
      expect(s.extensionId).toBe('cors-inspector@cors-inspector.dev');
    } finally {
      await s.close();
    }
  });
});
