import { useMemo, useState } from 'preact/hooks';
import { SHELLS, type Shell } from '../../shared/handoff/index.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { usePanel } from '../app/context.ts';
import { Tabs } from '../common/Tabs.tsx';
import { copyCommands, saltedRedaction, type CopyKind } from '../io/copy-commands.ts';
import { copyAndTell } from '../io/copy-and-tell.ts';
import { copyShell, SHELL_NAME } from '../io/preferences.ts';
import { Section } from './Section.tsx';
import './ReproduceCommands.css';

const TABS: readonly { id: CopyKind; label: string }[] = [
  { id: 'preflight', label: 'Preflight' },
  { id: 'request', label: 'Request' },
  { id: 'fetch', label: 'fetch()' },
];

/**
 * "Reproduce": the preflight and the request as commands for the chosen shell (remembered, shared
 * with the row menu), and the request as fetch(), shown and copied. Real values by default, as the
 * browsers copy them; "Redact credentials" gives the variant to paste into a ticket (one random
 * salt per exchange shown, so the preview does not change as it re-renders).
 */
export function ReproduceCommands({ record }: { record: ExchangeRecord }) {
  const { store } = usePanel();
  const shell = copyShell.use();
  const [redact, setRedact] = useState(false);
  const [chosen, setChosen] = useState<CopyKind | null>(null);
  const redaction = useMemo(() => saltedRedaction(), [record.id]);
  const commands = copyCommands(record, { shell, redaction: redact ? redaction : null });
  const preflightText = commands[0]?.text ?? null;
  const kind = chosen ?? (preflightText === null ? 'request' : 'preflight');
  const command = commands.find((c) => c.kind === kind);
  const text = command?.text ?? null;
  return (
    <Section title="Reproduce" testId="reproduce">
      <div class="reproduce-options">
        <label>
          Shell{' '}
          <select value={shell} onChange={(e) => copyShell.set(e.currentTarget.value as Shell)} disabled={kind === 'fetch'}>
            {SHELLS.map((s) => (
              <option key={s} value={s}>
                {SHELL_NAME[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.currentTarget.checked)} /> Redact credentials
        </label>
      </div>
      <Tabs label="Command" idPrefix="reproduce" tabs={TABS} active={kind} onSelect={setChosen} class="reproduce-tabs">
        {text === null ? (
          <p class="reproduce-none">{command?.detail}</p>
        ) : (
          <pre class="reproduce-command" data-testid="reproduce-command">
            {text}
          </pre>
        )}
        <div class="reproduce-note">
          <span>{text !== null && command?.detail}</span>
          <button
            type="button"
            class="text-button copy"
            disabled={text === null}
            onClick={() => text !== null && command && void copyAndTell(store, text, command.what)}
          >
            {command?.label ?? 'Copy'}
          </button>
        </div>
      </Tabs>
    </Section>
  );
}
