import type { RefObject } from 'preact';
import { usePanel, usePanelState } from '../app/context.ts';
import { setFilterText } from '../state/actions.ts';
import './FilterBox.css';

const HINT = 'Filter: text in URL, status:blocked|allowed, method:PUT, origin:host, code:HeaderDisallowed, -negate';

/** The filter input; Esc clears it, Ctrl/Cmd+F (handled by <App>) focuses it. */
export function FilterBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { store } = usePanel();
  const text = usePanelState((s) => s.filterText);
  return (
    <input
      ref={inputRef}
      type="search"
      class="filter-box"
      placeholder="Filter   e.g. status:blocked method:PUT"
      aria-label="Filter exchanges"
      title={HINT}
      spellcheck={false}
      value={text}
      onInput={(e) => setFilterText(store, e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && text !== '') {
          e.stopPropagation();
          setFilterText(store, '');
        }
      }}
    />
  );
}
