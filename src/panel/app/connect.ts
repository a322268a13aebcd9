/** Feeds a worker connection's events and status into the store (through `applyMessage`). */
import { connectPanel, type WorkerConnection } from '../connection/index.ts';
import { setConnection, setCookieSetting } from '../state/actions.ts';
import { applyMessage } from '../state/apply-message.ts';
import type { PanelStore } from '../state/store.ts';

export function connectToWorker(store: PanelStore, tabId: number): WorkerConnection {
  const connection = connectPanel(tabId);
  connection.onEvent((event) => applyMessage(store, event));
  connection.onStatus((status) => {
    setConnection(store, status === 'closed' ? 'disconnected' : status);
    // read on every (re)connection: the user may have changed it meanwhile
    if (status === 'connected') connection.request('getCookieSetting').then((answer) => setCookieSetting(store, answer), () => undefined);
  });
  return connection;
}
