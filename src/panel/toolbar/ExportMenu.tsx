import { useCallback, useRef, useState } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { Icon } from '../common/Icon.tsx';
import { Menu } from '../common/Menu.tsx';
import type { ReportFormat } from '../io/export-report.ts';
import { fixServer } from '../io/preferences.ts';
import { shownLog } from '../state/store.ts';
import { DEFAULT_CHOICES, effectiveScope, exportEntries, type ExportChoices } from './export-formats.ts';
import './ExportMenu.css';

/**
 * "Export ▾": which exchanges, redaction (on by default), and a format (./export-formats.ts). The
 * choices last while the panel is open; redaction starts on in every new panel.
 */
export function ExportMenu() {
  const { derived, actions } = usePanel();
  const empty = usePanelState((s) => shownLog(s).records.length === 0);
  const visible = usePanelState((s) => derived.visible(s));
  const selected = usePanelState((s) => derived.selected(s));
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_CHOICES);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);

  const save = (format: ReportFormat): void => {
    const scope = effectiveScope(choices, selected !== null);
    actions.exportReport({
      records: scope === 'selected' && selected !== null ? [selected] : visible.records,
      onlyBlocked: scope === 'failures',
      format,
      redact: choices.redact,
      server: fixServer.get(),
    });
  };

  return (
    <span class="menu-anchor" onKeyDown={(e) => e.key === 'Escape' && open && button.current?.focus()}>
      <button
        ref={button}
        type="button"
        class="tool-button with-caret"
        aria-label="Export"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Export a report of the shown exchanges"
        disabled={empty}
        onClick={() => setOpen(!open)}
      >
        <Icon name="export" />
        <Icon name="caret" />
      </button>
      {open && (
        <Menu
          label="Export"
          class="dropdown"
          anchorRef={button}
          onClose={close}
          entries={exportEntries({ shown: visible.records.length, blocked: visible.blocked, hasSelection: selected !== null, choices, choose: setChoices, save })}
        />
      )}
    </span>
  );
}
