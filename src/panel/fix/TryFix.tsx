/**
 * "Try a fix": the proposed changes as editable response headers (per response: which one, its
 * status, its header lines); every edit re-runs the pure evaluator for both browsers, with the
 * checklist updating, so a user can try "what if I only add content-type" before touching the
 * server. The result copies as header lines or as the report's Markdown section, and the server
 * snippets follow the edits.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import type { BrowserVerdict, ServerChange } from '../../shared/cors/index.ts';
import { changeTarget, credentialedReading, evaluateWithChanges, fixPolicy, serverFixLines } from '../../shared/cors/index.ts';
import { markdownFence } from '../../shared/handoff/inert.ts';
import { usePanel } from '../app/context.ts';
import { Checklist } from '../details/Checklist.tsx';
import { FixSnippets } from '../details/FixSnippets.tsx';
import { decisiveCheck } from '../state/short-verdict.ts';
import { changesOf, draftsOf, type ChangeDraft } from './drafts.ts';
import type { PanelFix } from './use-server-fix.ts';
import './TryFix.css';

const BROWSER_LABEL = { chromium: 'Chromium', firefox: 'Firefox' } as const;

function Outcome({ verdict }: { verdict: BrowserVerdict }) {
  return (
    <li data-browser={verdict.browser} data-allowed={String(verdict.allowed)}>
      {BROWSER_LABEL[verdict.browser]}: {verdict.allowed ? 'allowed' : <>blocked ({verdict.code ?? 'unknown'})</>}
    </li>
  );
}

function copy(text: string): void {
  void navigator.clipboard?.writeText(text);
}

/** The report section for these changes (as `--format md` writes it). */
function markdownSection(changes: readonly ServerChange[]): string {
  return ['**Fix:** change these responses (each line replaces the header of that name)', '', markdownFence(serverFixLines(changes).join('\n'), 'http')].join('\n');
}

function DraftEditor({ draft, index, onChange }: { draft: ChangeDraft; index: number; onChange: (next: ChangeDraft) => void }) {
  const target = changeTarget(draft.change);
  return (
    <fieldset class="try-fix-change" data-testid="try-fix-change" data-index={index}>
      <legend>{target}</legend>
      <label>
        Status{' '}
        <input type="text" inputMode="numeric" size={4} value={draft.status} aria-label={`Status of ${target}`} placeholder="as now" onInput={(e) => onChange({ ...draft, status: e.currentTarget.value })} />
      </label>
      <textarea rows={Math.max(2, draft.headers.split('\n').length + 1)} aria-label={`Headers of ${target}`} spellcheck={false} value={draft.headers} onInput={(e) => onChange({ ...draft, headers: e.currentTarget.value })} />
    </fieldset>
  );
}

export function TryFix({ record, fix }: { record: ExchangeRecord; fix: PanelFix }) {
  const { now } = usePanel();
  const proposed = fix.server ?? [];
  const [drafts, setDrafts] = useState<ChangeDraft[] | null>(null);
  const changes = useMemo(() => (drafts === null ? null : changesOf(drafts)), [drafts]);
  const trial = useMemo(() => (changes === null ? null : evaluateWithChanges(record.exchange, record.verdict, changes, now())), [changes, record, now]);
  if (proposed.length === 0) return null;
  if (drafts === null || changes === null || trial === null) {
    return (
      <button type="button" class="text-button" data-testid="try-fix-open" onClick={() => setDrafts(draftsOf(proposed))}>
        Try a fix
      </button>
    );
  }
  const policy = fixPolicy(record.exchange, changes, credentialedReading(record.verdict), fix.evidence);
  return (
    <div class="try-fix" data-testid="try-fix">
      <p>Edit the responses; both browsers' checks run again on every change. Nothing is sent to the server.</p>
      {drafts.map((draft, i) => (
        <DraftEditor key={`${draft.change.method} ${draft.change.url}`} draft={draft} index={i} onChange={(next) => setDrafts(drafts.map((d, j) => (j === i ? next : d)))} />
      ))}
      <ul class="try-fix-outcome" data-testid="try-fix-outcome" aria-live="polite">
        <Outcome verdict={trial.chromium} />
        <Outcome verdict={trial.firefox} />
      </ul>
      <Checklist checks={trial.checks} decisiveId={decisiveCheck(trial)?.id ?? null} />
      <div class="try-fix-actions">
        <button type="button" class="text-button" onClick={() => copy(serverFixLines(changes).join('\n'))}>
          Copy headers
        </button>
        <button type="button" class="text-button" onClick={() => copy(markdownSection(changes))}>
          Copy report section
        </button>
        <button type="button" class="text-button" onClick={() => setDrafts(draftsOf(proposed))}>
          Reset
        </button>
      </div>
      <FixSnippets policy={policy} />
    </div>
  );
}
