/**
 * The panel page: in DevTools (the inspected tab) or as a pop-out tab (`panel.html?tabId=<n>`).
 * Creates the store, follows the theme, connects to the worker and renders <App>.
 */
import { render } from 'preact';
import './panel.css';
import './common/controls.css';
import { App } from './app/App.tsx';
import { connectToWorker } from './app/connect.ts';
import { createPanelActions } from './app/panel-actions.ts';
import { followTheme } from './app/theme.ts';
import { panelTabId } from './connection/index.ts';
import { persistListPrefs } from './list/persist-prefs.ts';
import { evalInInspectedPage, inspectedTabId, onInspectedPageNavigated, preferenceArea, reloadInspectedPage } from '../platform/browser.ts';
import { watchEarlierRequests } from './list/earlier-requests.ts';
import { setTheme } from './state/actions.ts';
import { createDerived } from './state/derived.ts';
import { createPanelStore } from './state/store.ts';

const tabId = panelTabId();
const store = createPanelStore({ tabId });
followTheme((theme) => setTheme(store, theme));
const stopListPrefs = persistListPrefs(store, preferenceArea());
// A change still waiting for its delayed write is written when the panel closes.
addEventListener('pagehide', () => void stopListPrefs.then((stop) => stop()));
const connection = tabId === null ? null : connectToWorker(store, tabId);
// Only DevTools has an inspected page to evaluate in; the pop-out re-sends nothing.
const actions = createPanelActions(
  store,
  connection,
  () => {
    if (tabId !== null) reloadInspectedPage(tabId);
  },
  inspectedTabId() === null ? null : evalInInspectedPage,
);
watchEarlierRequests(store, { evaluate: evalInInspectedPage, onNavigated: onInspectedPageNavigated });
const root = document.getElementById('app');
if (root) render(<App store={store} derived={createDerived()} actions={actions} now={() => Date.now()} />, root);
