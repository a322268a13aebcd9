/**
 * The selected exchange's structured fix, with what the shown log tells it: every other record is
 * evidence of what the server already allows (so the fix extends lists instead of replacing them).
 */
import { useMemo } from 'preact/hooks';
import type { ExchangeRecord, LogRecord } from '../../shared/protocol/messages.ts';
import { captureEvidence, credentialedReading, fixPolicy, serverFix, type ServerEvidence, type ServerFix } from '../../shared/cors/index.ts';
import type { CorsPolicy } from '../../shared/cors/content/snippets.ts';
import { usePanel, usePanelState } from '../app/context.ts';
import { shownLog } from '../state/store.ts';

/** One evidence per shown log (the records array is replaced on every change, so it is the key). */
const EVIDENCE = new WeakMap<readonly LogRecord[], ServerEvidence>();

export function evidenceOf(records: readonly LogRecord[]): ServerEvidence {
  let evidence = EVIDENCE.get(records);
  if (evidence === undefined) {
    evidence = captureEvidence(
      records.map((r) => r.exchange),
      records.map((r) => r.verdict),
    );
    EVIDENCE.set(records, evidence);
  }
  return evidence;
}

export interface PanelFix extends ServerFix {
  /** The server configuration the snippets render; null when `server` is null. */
  readonly policy: CorsPolicy | null;
  readonly evidence: ServerEvidence;
}

/** `serverFix` of `record`, proven at the panel's clock, with its snippet policy. */
export function useServerFix(record: ExchangeRecord): PanelFix {
  const { now } = usePanel();
  const records = usePanelState((s) => shownLog(s).records);
  return useMemo(() => {
    const evidence = evidenceOf(records);
    const fix = serverFix(record.exchange, record.verdict, { evidence, now: now() });
    const policy = fix.server === null ? null : fixPolicy(record.exchange, fix.server, credentialedReading(record.verdict), evidence);
    return { ...fix, policy, evidence };
  }, [record, records, now]);
}
