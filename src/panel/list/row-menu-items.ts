/**
 * The row context menu as data: copy (the URL, the browsers' console messages, the preflight and
 * the request as commands for the chosen shell, a redacted variant, fetch()), the shell to write
 * them for (remembered), filters, and a report of this exchange.
 */
import type { Shell } from '../../shared/handoff/index.ts';
import { SHELLS } from '../../shared/handoff/index.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import type { MenuEntry } from '../common/Menu.tsx';
import { copyCommands, saltedRedaction } from '../io/copy-commands.ts';
import { REPORT_FORMATS, type ReportFormat } from '../io/export-report.ts';
import { SHELL_COMMAND, SHELL_NAME } from '../io/preferences.ts';

export interface MenuEffects {
  /** Copies `text` (within the click); `what` names it in the confirmation. */
  copy(text: string, what: string): void;
  filter(text: string): void;
  chooseShell(shell: Shell): void;
  /** Saves a report of this exchange alone (redacted). */
  exportExchange(format: ReportFormat): void;
}

const FORMAT_NAME: Readonly<Record<ReportFormat, string>> = { json: 'JSON', markdown: 'Markdown', html: 'HTML' };

function copyEntries(record: ExchangeRecord, shell: Shell, effects: MenuEffects): MenuEntry[] {
  const [preflight, request, fetch] = copyCommands(record, { shell, redaction: null });
  const entries: MenuEntry[] = [];
  for (const command of [preflight, request]) {
    if (command === undefined) continue;
    const text = command.text;
    entries.push({
      kind: 'action',
      label: command.label,
      remark: command.remark,
      title: command.detail,
      disabled: text === null,
      run: () => effects.copy(text ?? '', command.what),
      separatorBefore: command.kind === 'preflight',
    });
  }
  entries.push({
    kind: 'action',
    label: `Copy as ${SHELL_COMMAND[shell]}, redacted`,
    title: 'Cookies, Authorization and other credentials replaced by [REDACTED-length-hash], safe to paste into a ticket',
    // A fresh salt per copy: nothing links two pastes.
    run: () => {
      const redacted = copyCommands(record, { shell, redaction: saltedRedaction() })[1];
      effects.copy(redacted?.text ?? '', redacted?.what ?? '');
    },
  });
  if (fetch !== undefined && fetch.text !== null) {
    const text = fetch.text;
    entries.push({ kind: 'action', label: fetch.label, remark: fetch.remark, title: fetch.detail, run: () => effects.copy(text, fetch.what) });
  }
  entries.push(
    { kind: 'heading', label: 'Commands for', separatorBefore: true },
    ...SHELLS.map((s): MenuEntry => ({ kind: 'radio', label: SHELL_NAME[s], checked: s === shell, select: () => effects.chooseShell(s) })),
  );
  return entries;
}

export function rowMenuItems(record: ExchangeRecord, shell: Shell, effects: MenuEffects): MenuEntry[] {
  const first = record.exchange.legs[0];
  const url = first?.request.url ?? '';
  const items: MenuEntry[] = [{ kind: 'action', label: 'Copy URL', run: () => effects.copy(url, 'the URL') }];
  const { chromium, firefox } = record.verdict;
  const chromeMessage = chromium.consoleMessage;
  const firefoxMessage = firefox.consoleMessage;
  if (chromeMessage) items.push({ kind: 'action', label: "Copy Chrome's console message", run: () => effects.copy(chromeMessage, "Chrome's console message") });
  if (firefoxMessage) items.push({ kind: 'action', label: "Copy Firefox's console message", run: () => effects.copy(firefoxMessage, "Firefox's console message") });
  items.push(...copyEntries(record, shell, effects));
  let origin = '';
  try {
    origin = new URL(url).host;
  } catch {
    origin = '';
  }
  if (origin !== '') items.push({ kind: 'action', label: `Show only ${origin}`, run: () => effects.filter(`origin:${origin}`), separatorBefore: true });
  if (first) items.push({ kind: 'action', label: `Show only ${first.request.method} requests`, run: () => effects.filter(`method:${first.request.method}`) });
  items.push(
    ...REPORT_FORMATS.map(
      (format, i): MenuEntry => ({
        kind: 'action',
        label: `Export this exchange as ${FORMAT_NAME[format]}`,
        run: () => effects.exportExchange(format),
        separatorBefore: i === 0,
      }),
    ),
  );
  return items;
}
