import type { RefObject } from 'preact';
import { usePanel, usePanelState } from '../app/context.ts';
import { Icon } from '../common/Icon.tsx';
import { Tabs, type TabSpec } from '../common/Tabs.tsx';
import { select, setDetailsTab } from '../state/actions.ts';
import type { DetailsTab } from '../state/store.ts';
import { CookiesTab } from './CookiesTab.tsx';
import { ExplanationTab } from './ExplanationTab.tsx';
import { HeadersTab } from './HeadersTab.tsx';
import { TimingTab } from './TimingTab.tsx';
import './Details.css';

const TABS: readonly TabSpec<DetailsTab>[] = [
  { id: 'explanation', label: 'Explanation' },
  { id: 'headers', label: 'Headers' },
  { id: 'cookies', label: 'Cookies' },
  { id: 'timing', label: 'Timing' },
];

/** The selected exchange, in four tabs. Esc closes it (returning focus to the list). */
export function Details({ rootRef, onClose }: { rootRef: RefObject<HTMLDivElement | null>; onClose: () => void }) {
  const { store, derived } = usePanel();
  const record = usePanelState((s) => derived.selected(s));
  const tab = usePanelState((s) => s.detailsTab);
  if (!record) return null;
  const url = record.exchange.legs[0]?.request.url ?? '';
  return (
    <section
      ref={rootRef}
      class="details"
      aria-label="Exchange details"
      data-testid="details"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <Tabs label="Details" idPrefix="details" tabs={TABS} active={tab} onSelect={(id) => setDetailsTab(store, id)} class="details-tabs">
        {tab === 'explanation' && <ExplanationTab record={record} />}
        {tab === 'headers' && <HeadersTab record={record} />}
        {tab === 'cookies' && <CookiesTab record={record} />}
        {tab === 'timing' && <TimingTab record={record} />}
      </Tabs>
      <button type="button" class="tool-button details-close" aria-label="Close details" title={`Close details for ${url}`} onClick={() => select(store, null)}>
        <Icon name="close" />
      </button>
    </section>
  );
}
