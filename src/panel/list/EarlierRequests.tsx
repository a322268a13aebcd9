import { usePanel, usePanelState } from '../app/context.ts';
import { setEarlierRequests } from '../state/actions.ts';
import { reloadShortcut } from './reload-shortcut.ts';

/**
 * Says that the page made cross-origin requests before recording began, in DevTools' own words
 * for the empty Network panel, with its "Reload page" button.
 */
export function EarlierRequests() {
  const { store, actions } = usePanel();
  const count = usePanelState((s) => (s.imported === null ? s.earlierRequests : 0));
  if (count === 0) return null;
  return (
    <div class="notice notice-info" role="status" data-testid="earlier-requests">
      This page made {count} cross-origin request{count === 1 ? '' : 's'} before recording began; {count === 1 ? 'it is' : 'they are'} not in this list. Perform a
      request or reload the page by using the “Reload page” button or by pressing {reloadShortcut()}.
      <button
        type="button"
        class="text-button"
        onClick={() => {
          setEarlierRequests(store, 0);
          actions.reloadPage();
        }}
      >
        Reload page
      </button>
    </div>
  );
}
