/**
 * The row context menu as data: each entry is a label and an action. Later exports (Markdown,
 * HTML, copy as curl) are added here as more entries, in the "Export" group.
 */
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';

export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  /** Draw a separator above this item (starts a group). */
  readonly separatorBefore?: boolean;
  /** A checkbox item (the menu stays open when it is toggled). */
  readonly checked?: boolean;
  readonly disabled?: boolean;
}

export interface MenuEffects {
  copy(text: string): void;
  filter(text: string): void;
  exportReport(): void;
}

export function rowMenuItems(record: ExchangeRecord, effects: MenuEffects): MenuItem[] {
  const first = record.exchange.legs[0];
  const url = first?.request.url ?? '';
  const items: MenuItem[] = [{ label: 'Copy URL', run: () => effects.copy(url) }];
  const { chromium, firefox } = record.verdict;
  if (chromium.consoleMessage) items.push({ label: "Copy Chrome's console message", run: () => effects.copy(chromium.consoleMessage ?? '') });
  if (firefox.consoleMessage) items.push({ label: "Copy Firefox's console message", run: () => effects.copy(firefox.consoleMessage ?? '') });
  let origin = '';
  try {
    origin = new URL(url).host;
  } catch {
    origin = '';
  }
  if (origin !== '') items.push({ label: `Show only ${origin}`, run: () => effects.filter(`origin:${origin}`), separatorBefore: true });
  if (first) items.push({ label: `Show only ${first.request.method} requests`, run: () => effects.filter(`method:${first.request.method}`) });
  items.push({ label: 'Export report (JSON)…', run: effects.exportReport, separatorBefore: true });
  return items;
}
