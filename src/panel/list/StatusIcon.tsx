import type { RowStatus } from '../state/summary.ts';
import './StatusIcon.css';

const LABELS: Readonly<Record<RowStatus, string>> = {
  allowed: 'Allowed',
  blocked: 'Blocked by CORS',
  'not-cors': 'Not a CORS decision',
  pending: 'Pending',
};

const GLYPHS: Readonly<Record<RowStatus, string>> = { allowed: '✓', blocked: '✕', 'not-cors': '–', pending: '…' };

/** A small round status mark; colour is never the only signal (glyph + accessible label). */
export function StatusIcon({ status }: { status: RowStatus }) {
  return (
    <span class={`status-icon status-${status}`} role="img" aria-label={LABELS[status]} title={LABELS[status]}>
      {GLYPHS[status]}
    </span>
  );
}
