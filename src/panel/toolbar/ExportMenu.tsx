import { useEffect, useRef, useState } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { Icon } from '../common/Icon.tsx';
import { shownLog } from '../state/store.ts';
import { exportFormats } from './export-formats.ts';
import './ExportMenu.css';

/** "Export ▾": a menu of report formats (./export-formats.ts lists them). */
export function ExportMenu() {
  const { actions } = usePanel();
  const empty = usePanelState((s) => shownLog(s).records.length === 0);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const close = (e: Event): void => {
      if (!(e.target instanceof Node) || !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <span class="menu-anchor" ref={root} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        class="tool-button with-caret"
        aria-label="Export"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Export the shown exchanges"
        disabled={empty}
        onClick={() => setOpen(!open)}
      >
        <Icon name="export" />
        <Icon name="caret" />
      </button>
      {open && (
        <div class="context-menu dropdown" role="menu" aria-label="Export formats">
          {exportFormats(actions).map((format) => (
            <button
              key={format.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                format.run();
              }}
            >
              {format.label}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
