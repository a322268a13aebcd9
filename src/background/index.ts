/**
 * The background worker's entry point. MV3: every listener that must wake the worker is
 * registered synchronously at top level (a listener added after an `await` is not seen when the
 * browser restarts a stopped worker for an event). webRequest listeners are not among them: they
 * exist only while a panel is connected for a tab, and are added when its port connects.
 */
import {
  browser,
  BROWSER,
  extensionOrigin,
  onCookieSettingChange,
  readCookieJar,
  readCookieSetting,
  sessionArea,
  tabUrl,
  wakeAlarm,
  webRequestEvents,
} from '../platform/browser.ts';
import { evaluateExchange } from '../shared/cors/index.ts';
import { createBackgroundWorker } from './worker.ts';

const expiry = wakeAlarm('cors-log-retention');
const worker = createBackgroundWorker({
  browser: BROWSER,
  events: webRequestEvents(),
  session: sessionArea(),
  evaluate: (exchange) => evaluateExchange(exchange, { now: Date.now() }),
  ignoreOrigins: [extensionOrigin()],
  tabUrl,
  cookieSetting: readCookieSetting,
  cookieJar: readCookieJar,
  onCookieSettingChange,
  wakeAt: (when) => expiry.set(when),
});

browser.runtime.onConnect.addListener((port) => worker.onConnect(port));
expiry.onFire(() => void worker.ready.then(() => worker.expireLogs()));
browser.tabs.onRemoved.addListener((tabId) => worker.onTabRemoved(tabId));
// Firefox fires onSuspend before unloading its event page; Chrome's worker may get it too.
browser.runtime.onSuspend?.addListener(() => void worker.suspend());
