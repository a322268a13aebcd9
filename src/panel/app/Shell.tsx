import { useEffect, useRef } from 'preact/hooks';
import { PreflightCacheView } from '../cache/PreflightCacheView.tsx';
import { DropZone } from '../common/DropZone.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { NoticeBar } from '../common/NoticeBar.tsx';
import { SplitPane } from '../common/SplitPane.tsx';
import { StatusBar } from '../common/StatusBar.tsx';
import { Details } from '../details/Details.tsx';
import { EarlierRequests } from '../list/EarlierRequests.tsx';
import { ExchangeList } from '../list/ExchangeList.tsx';
import { select } from '../state/actions.ts';
import { shownLog } from '../state/store.ts';
import { TimelineView } from '../timeline/TimelineView.tsx';
import { Toolbar } from '../toolbar/Toolbar.tsx';
import { usePanel, usePanelState } from './context.ts';
import './Shell.css';

/** The panel's layout: toolbar, notices, the main view (list, timeline or cache) beside the details. */
export function Shell() {
  const { store, derived } = usePanel();
  const theme = usePanelState((s) => s.theme);
  const view = usePanelState((s) => s.view);
  // The list stays mounted while a filter hides every row (it shows why); only an empty log swaps it out.
  const hasRows = usePanelState((s) => shownLog(s).records.length > 0);
  const hasSelection = usePanelState((s) => derived.selected(s) !== null);
  const filterRef = useRef<HTMLInputElement>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const focusList = (): void => mainRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  const openDetails = (): void => detailsRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  const closeDetails = (): void => {
    select(store, null);
    focusList();
  };

  const main =
    view === 'cache' ? <PreflightCacheView />
    : !hasRows ? <EmptyState />
    : view === 'timeline' ? <TimelineView onOpen={openDetails} />
    : <ExchangeList onOpen={openDetails} />;

  return (
    <DropZone>
      <div class={`panel theme-${theme}`} data-testid="panel">
        <Toolbar filterRef={filterRef} />
        <NoticeBar />
        <EarlierRequests />
        <div class="main" id="main-view" ref={mainRef} role="tabpanel" aria-labelledby={`view-tab-${view}`}>
          <SplitPane
            label="Resize the details pane"
            first={main}
            second={hasSelection ? <Details rootRef={detailsRef} onClose={closeDetails} /> : null}
          />
        </div>
        <StatusBar />
      </div>
    </DropZone>
  );
}
