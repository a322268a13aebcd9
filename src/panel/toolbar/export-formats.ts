/**
 * The Export menu as data: which exchanges (all shown, failures only, the selected one), whether
 * credentials are redacted (on by default, a visible toggle), and the formats that save a report
 * (src/panel/io/export-report.ts builds it with the CLI's builders).
 */
import type { MenuEntry } from '../common/Menu.tsx';
import { REPORT_FORMATS, type ReportFormat } from '../io/export-report.ts';

export const FORMAT_LABEL: Readonly<Record<ReportFormat, string>> = {
  json: 'JSON report (.json)',
  markdown: 'Markdown report (.md)',
  html: 'HTML report (.html)',
};

export type ExportScope = 'shown' | 'failures' | 'selected';

export interface ExportChoices {
  readonly scope: ExportScope;
  readonly redact: boolean;
}

export const DEFAULT_CHOICES: ExportChoices = { scope: 'shown', redact: true };

export interface ExportMenuModel {
  /** Exchanges the list shows (after the filter), and how many of them are blocked. */
  readonly shown: number;
  readonly blocked: number;
  readonly hasSelection: boolean;
  readonly choices: ExportChoices;
  readonly choose: (choices: ExportChoices) => void;
  readonly save: (format: ReportFormat) => void;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The scope actually used: the selection when one is chosen and exists, else all shown. */
export function effectiveScope(choices: ExportChoices, hasSelection: boolean): ExportScope {
  return choices.scope === 'selected' && !hasSelection ? 'shown' : choices.scope;
}

export function exportEntries(model: ExportMenuModel): MenuEntry[] {
  const { shown, blocked, hasSelection, choices, choose } = model;
  const scope = effectiveScope(choices, hasSelection);
  const count = scope === 'shown' ? shown : scope === 'failures' ? blocked : 1;
  const scopeEntry = (id: ExportScope, label: string, disabled = false): MenuEntry => ({
    kind: 'radio',
    label,
    checked: scope === id,
    disabled,
    select: () => choose({ ...choices, scope: id }),
  });
  return [
    { kind: 'heading', label: 'Exchanges' },
    scopeEntry('shown', `All shown (${plural(shown, 'exchange')})`),
    scopeEntry('failures', `Failures only (${blocked} blocked)`),
    scopeEntry('selected', 'The selected exchange', !hasSelection),
    { kind: 'check', label: 'Redact credentials', checked: choices.redact, toggle: () => choose({ ...choices, redact: !choices.redact }), separatorBefore: true },
    { kind: 'heading', label: 'Save as', separatorBefore: true },
    ...REPORT_FORMATS.map(
      (format): MenuEntry => ({
        kind: 'action',
        label: FORMAT_LABEL[format],
        disabled: count === 0,
        title: count === 0 ? 'No exchange to export' : null,
        run: () => model.save(format),
      }),
    ),
  ];
}
