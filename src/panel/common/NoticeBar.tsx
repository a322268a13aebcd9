import { usePanel, usePanelState } from '../app/context.ts';
import { closeImported, showNotice } from '../state/actions.ts';
import { Icon } from './Icon.tsx';
import './NoticeBar.css';

/** One-line messages above the list: an import's progress (with Cancel), import errors, the imported-HAR banner, connection loss. */
export function NoticeBar() {
  const { store, actions } = usePanel();
  const importing = usePanelState((s) => s.importing);
  const notice = usePanelState((s) => s.notice);
  const imported = usePanelState((s) => s.imported);
  const connection = usePanelState((s) => (s.tabId === null ? 'connected' : s.connection));
  return (
    <>
      {connection === 'disconnected' && (
        <div class="notice notice-warning" role="status">
          Lost the connection to the recorder; reconnecting…
        </div>
      )}
      {importing && (
        <div class="notice notice-info" role="status" data-testid="import-progress">
          {importing.total === null ? `Reading ${importing.name}…` : `Evaluating ${importing.name}: ${importing.done} of ${importing.total} exchanges`}
          <progress
            class="import-progress"
            aria-label={`Importing ${importing.name}`}
            max={importing.total ?? undefined}
            value={importing.total === null ? undefined : importing.done}
          />
          <button type="button" class="text-button" onClick={() => actions.cancelImport()}>
            Cancel
          </button>
        </div>
      )}
      {imported && (
        <div class="notice notice-info" role="status" data-testid="import-banner">
          Showing <strong>{imported.name}</strong> ({imported.records.length} exchange{imported.records.length === 1 ? '' : 's'}), not the live log.
          <button type="button" class="text-button" onClick={() => closeImported(store)}>
            Back to live log
          </button>
        </div>
      )}
      {notice && notice.kind === 'info' && !imported && (
        <div class="notice notice-info" role="status" data-testid="notice-info">
          {notice.text}
        </div>
      )}
      {notice && notice.kind === 'error' && (
        <div class="notice notice-error" role="alert" data-testid="notice-error">
          {notice.text}
          <button type="button" class="tool-button" aria-label="Dismiss" onClick={() => showNotice(store, null)}>
            <Icon name="close" />
          </button>
        </div>
      )}
    </>
  );
}
