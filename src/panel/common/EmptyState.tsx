import { usePanel, usePanelState } from '../app/context.ts';
import { setFailuresOnly, setFilterText } from '../state/actions.ts';
import { shownLog } from '../state/store.ts';
import { reloadShortcut } from '../list/reload-shortcut.ts';
import './EmptyState.css';

/** What to do when there is nothing to show — the reason decides the advice. */
export function EmptyState() {
  const { store, actions } = usePanel();
  const state = usePanelState((s) => s);
  const total = shownLog(state).records.length;

  if (total > 0) {
    return (
      <div class="empty" data-testid="empty-state">
        <h2>No exchanges match</h2>
        <p>
          {total} exchange{total === 1 ? ' is' : 's are'} hidden by the filter{state.failuresOnly ? ' and “Failures only”' : ''}.
        </p>
        <button
          type="button"
          class="text-button"
          onClick={() => {
            setFilterText(store, '');
            setFailuresOnly(store, false);
          }}
        >
          Show all
        </button>
      </div>
    );
  }
  if (state.imported) {
    return (
      <div class="empty" data-testid="empty-state">
        <h2>This HAR has no exchanges</h2>
        <p>{state.imported.name} contains no requests the evaluator could read.</p>
      </div>
    );
  }
  if (state.tabId === null) {
    return (
      <div class="empty" data-testid="empty-state">
        <h2>No page to inspect</h2>
        <p>
          Open DevTools on a page (F12) and choose the <strong>CORS</strong> panel, then reload the page. Or import a HAR file: use the import button or
          drop the file here.
        </p>
      </div>
    );
  }
  if (!state.synced) {
    return (
      <div class="empty" data-testid="empty-state">
        <h2>{state.connection === 'disconnected' ? 'Reconnecting to the recorder…' : 'Connecting…'}</h2>
        <p>The CORS recorder runs in the extension's background worker; this panel reconnects on its own.</p>
      </div>
    );
  }
  if (state.tab && !state.tab.recording) {
    return (
      <div class="empty" data-testid="empty-state">
        <h2>Recording is paused</h2>
        <p>Cross-origin requests made now are not captured.</p>
        <button type="button" class="text-button" onClick={() => actions.setRecording(true)}>
          Resume recording
        </button>
      </div>
    );
  }
  // DevTools' own words for its empty Network panel, with its button.
  return (
    <div class="empty" data-testid="empty-state">
      <h2>Currently recording network activity</h2>
      <p>Perform a request or reload the page by using the “Reload page” button or by pressing {reloadShortcut()}.</p>
      <button type="button" class="text-button" onClick={() => actions.reloadPage()}>
        Reload page
      </button>
      <p class="muted">Each request to another origin appears here with its preflight and a verdict. You can also import a HAR file.</p>
    </div>
  );
}
