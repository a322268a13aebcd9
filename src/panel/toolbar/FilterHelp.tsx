import { useEffect, useRef, useState } from 'preact/hooks';
import { FILTER_KEYS } from '../state/filter-keys.ts';
import './FilterHelp.css';

const SYNTAX: readonly (readonly [string, string])[] = [
  ['items', 'text in any URL of the exchange (every word must appear)'],
  ['-word, -key:value', 'a leading “-” excludes what the token matches'],
  ['/api\\/v\\d/', 'a regular expression tested against every URL, ignoring case'],
  ['method:PUT,DELETE', 'alternatives: any of the values'],
];

/** The "?" beside the filter: a popover documenting the filter language, from the keys' own table. */
export function FilterHelp() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="dialog"]')?.focus();
    const close = (e: Event): void => {
      if (!(e.target instanceof Node) || !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  return (
    <span class="menu-anchor" ref={root}>
      <button
        ref={button}
        type="button"
        class="tool-button filter-help-button"
        aria-label="Filter syntax"
        aria-expanded={open}
        aria-controls="filter-help"
        title="Filter syntax"
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      {open && (
        <div
          id="filter-help"
          class="filter-help"
          role="dialog"
          aria-label="Filter syntax"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setOpen(false);
            button.current?.focus();
          }}
        >
          <p>Filter like DevTools’ Network panel. Tokens are separated by spaces; every one must match.</p>
          <table class="data-table">
            <tbody>
              {SYNTAX.map(([example, meaning]) => (
                <tr key={example}>
                  <td>
                    <code>{example}</code>
                  </td>
                  <td>{meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="data-table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Matches</th>
                <th>Example</th>
              </tr>
            </thead>
            <tbody>
              {FILTER_KEYS.map((def) => (
                <tr key={def.key}>
                  <td>
                    <code>{def.key}:</code>
                    {def.from === 'cors-inspector' && <span class="tag">CORS</span>}
                  </td>
                  <td>
                    {def.description}
                    {def.values !== undefined && <span class="filter-help-values"> — {def.values.map((v) => v.value).join(', ')}</span>}
                  </td>
                  <td>
                    <code>{def.example}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">Keys offer their values as you type (Tab or Enter takes one). An unknown key or value is shown as an error under the box.</p>
        </div>
      )}
    </span>
  );
}
