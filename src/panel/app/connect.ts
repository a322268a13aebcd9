/** Feeds a worker connection's events and status into the store (through `applyMessage`). */
import { connectPanel, type WorkerConnection } from '../connection/index.ts';
import { setConnection } from '../state/actions.ts';
import { applyMessage } from '../state/apply-message.ts';
import type { PanelStore } from '../state/store.ts';

export function connectToWorker(store: PanelStore, tabId: number): WorkerConnection {
  const connection = connectPanel(tabId);
  connection.onEvent((event) => applyMessage(store, event));
  connection.onStatus((status) => setConnection(store, status === 'closed' ? 'disconnected' : status));
  return connection;
}
