import { usePanel, usePanelState } from '../app/context.ts';
import { setView } from '../state/actions.ts';
import type { View } from '../state/store.ts';
import './ViewSwitch.css';

const VIEWS: ReadonlyArray<readonly [View, string]> = [
  ['list', 'Exchanges'],
  ['timeline', 'Timeline'],
  ['cache', 'Preflight cache'],
];

/** Switches the main area between the list, the timeline and the preflight-cache view. */
export function ViewSwitch() {
  const { store } = usePanel();
  const view = usePanelState((s) => s.view);
  return (
    <div class="view-switch" role="tablist" aria-label="Views">
      {VIEWS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`view-tab-${id}`}
          aria-selected={view === id}
          aria-controls="main-view"
          class={view === id ? 'active' : undefined}
          onClick={() => setView(store, id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
