import type { RefObject } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { setFilterText } from '../state/actions.ts';
import { accept, seenValuesOf, suggest, type Suggestion, type Suggestions } from '../state/filter-suggest.ts';
import { shownLog } from '../state/store.ts';
import { FilterHelp } from './FilterHelp.tsx';
import './FilterBox.css';

const LIST_ID = 'filter-suggestions';
const ERRORS_ID = 'filter-errors';

/**
 * The filter input (a combobox): DevTools' filter language (../state/filter.ts), with its keys and
 * values offered as you type — arrows move, Tab or Enter takes one, Esc closes the list and then
 * clears the box. Mistakes (an unknown key, a bad value, a broken regex) are said under the box.
 * Ctrl/Cmd+F (handled by <Shell>) focuses it.
 */
export function FilterBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { store, derived } = usePanel();
  const text = usePanelState((s) => s.filterText);
  const errors = usePanelState((s) => derived.visible(s).query.errors);
  const records = usePanelState((s) => shownLog(s).records);
  const seen = useMemo(() => seenValuesOf(records, derived.rowOf), [records, derived]);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const pendingCaret = useRef<number | null>(null);
  const suggestions: Suggestions | null = open ? suggest(text, caret, seen) : null;

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (input && pendingCaret.current !== null) {
      input.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const take = (at: Suggestions, item: Suggestion): void => {
    const next = accept(text, at, item);
    pendingCaret.current = next.caret;
    setFilterText(store, next.text);
    setCaret(next.caret);
    setActive(-1);
    setOpen(!item.complete);
  };
  const trackCaret = (input: HTMLInputElement): void => setCaret(input.selectionStart ?? input.value.length);

  return (
    <span class="filter">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        class="filter-box"
        placeholder="Filter   e.g. status:blocked domain:*.example.com"
        aria-label="Filter exchanges"
        aria-autocomplete="list"
        aria-expanded={suggestions !== null}
        aria-controls={LIST_ID}
        aria-activedescendant={suggestions !== null && active >= 0 ? `${LIST_ID}-${active}` : undefined}
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length > 0 ? ERRORS_ID : undefined}
        spellcheck={false}
        autocomplete="off"
        value={text}
        onInput={(e) => {
          setFilterText(store, e.currentTarget.value);
          trackCaret(e.currentTarget);
          setActive(-1);
          setOpen(true);
        }}
        onClick={(e) => trackCaret(e.currentTarget)}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') trackCaret(e.currentTarget);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          const items = suggestions?.items ?? [];
          if (suggestions !== null && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            // From the box (-1) through each suggestion and back to the box.
            const next = active + (e.key === 'ArrowDown' ? 1 : -1);
            setActive(next >= items.length ? -1 : next < -1 ? items.length - 1 : next);
          } else if (suggestions !== null && (e.key === 'Tab' || (e.key === 'Enter' && active >= 0))) {
            const item = items[Math.max(active, 0)];
            if (item === undefined) return;
            e.preventDefault();
            take(suggestions, item);
          } else if (e.key === 'Escape' && suggestions !== null) {
            e.stopPropagation();
            setOpen(false);
          } else if (e.key === 'Escape' && text !== '') {
            e.stopPropagation();
            setFilterText(store, '');
          } else if (e.key === 'ArrowDown' && e.altKey) {
            setOpen(true);
          }
        }}
      />
      {suggestions !== null && (
        <ul id={LIST_ID} class="filter-suggestions" role="listbox" aria-label="Filter suggestions">
          {suggestions.items.map((item, i) => (
            <li
              key={item.replacement}
              id={`${LIST_ID}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : undefined}
              // mousedown, not click: the input keeps its focus.
              onMouseDown={(e) => {
                e.preventDefault();
                take(suggestions, item);
              }}
            >
              <span class="suggestion-label">{item.label}</span>
              {item.description !== '' && <span class="suggestion-description">{item.description}</span>}
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div id={ERRORS_ID} class="filter-errors" role="alert" data-testid="filter-errors">
          {errors.map((error) => (
            <div key={error.token}>{error.message}</div>
          ))}
        </div>
      )}
      <FilterHelp />
    </span>
  );
}
