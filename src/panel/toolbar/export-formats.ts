/**
 * The Export menu's entries. Markdown and HTML reports and copy-as-curl arrive as more entries
 * here (and in ../list/row-menu-items.ts), each with its own action on `PanelActions`.
 */
import type { PanelActions } from '../app/context.ts';

export interface ExportFormat {
  readonly label: string;
  readonly run: () => void;
}

export function exportFormats(actions: PanelActions): ExportFormat[] {
  return [{ label: 'JSON report (.json)', run: actions.exportReport }];
}
