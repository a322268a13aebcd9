import { PanelContext, type PanelContextValue } from './context.ts';
import { Shell } from './Shell.tsx';

/** The panel: provides the store, derived state and actions to every component. */
export function App(props: PanelContextValue) {
  return (
    <PanelContext.Provider value={props}>
      <Shell />
    </PanelContext.Provider>
  );
}
