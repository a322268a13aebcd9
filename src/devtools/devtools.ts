/**
 * The DevTools page: registers the "CORS" panel, and connects to the worker for the inspected tab
 * at once — so the tab is recorded from the moment DevTools opens, before the panel is first
 * shown, as the Network panel does. The port stays open (and reconnects) while DevTools is open;
 * DevTools closing closes the page and so the port, and the worker stops recording the tab.
 */
import { browser, inspectedTabId } from '../platform/browser.ts';
import { connectPanel } from '../panel/connection/index.ts';

const tabId = inspectedTabId();
if (tabId !== null) connectPanel(tabId);

void browser.devtools.panels.create('CORS', '/icons/icon-16.png', '/src/panel/panel.html');
