/**
 * How a panel page finds its tab and reaches the worker.
 *
 * - In DevTools, the tab is `devtools.inspectedWindow.tabId`.
 * - As a pop-out (an ordinary tab at `chrome-extension://<id>/src/panel/panel.html?tabId=<n>`, or
 *   `moz-extension://<uuid>/…`), `devtools` is absent and the tab comes from the `tabId` query.
 * Either way the panel opens the port `cors-panel:<tabId>`, which counts as an open panel for that
 * tab (recording starts), and reconnects by itself when the worker is stopped.
 */
import { connectPort, inspectedTabId } from '../../platform/browser.ts';
import { panelPortName } from '../../shared/protocol/messages.ts';
import { createWorkerConnection, type ClientOptions, type WorkerConnection } from '../../shared/protocol/client.ts';

export type { ConnectionStatus, PanelEvent, WorkerConnection } from '../../shared/protocol/client.ts';

/** The `tabId` query parameter of a pop-out URL, or null. */
export function tabIdFromQuery(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const tabId = Number(raw);
  return Number.isSafeInteger(tabId) ? tabId : null;
}

/** The tab this panel shows: the inspected tab in DevTools, else the pop-out's `?tabId=`. */
export function panelTabId(search: string = globalThis.location?.search ?? ''): number | null {
  return inspectedTabId() ?? tabIdFromQuery(search);
}

/** The pop-out URL path for a tab, relative to the extension root. */
export function popOutPath(tabId: number): string {
  return `src/panel/panel.html?tabId=${tabId}`;
}

/** Connects to the worker for `tabId`; the connection survives worker restarts. */
export function connectPanel(tabId: number, options: ClientOptions = {}): WorkerConnection {
  return createWorkerConnection(() => connectPort(panelPortName(tabId)), options);
}
