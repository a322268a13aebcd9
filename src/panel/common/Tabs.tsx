import type { ComponentChildren } from 'preact';
import { rovingIndex } from './roving.ts';
import './Tabs.css';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
}

export interface TabsProps<T extends string> {
  readonly label: string;
  /** Prefix for tab/panel element ids (unique per tab strip). */
  readonly idPrefix: string;
  readonly tabs: readonly TabSpec<T>[];
  readonly active: T;
  readonly onSelect: (id: T) => void;
  readonly children: ComponentChildren;
  readonly class?: string;
}

/** An ARIA tab strip (←/→/Home/End move between tabs) with one panel for the active tab. */
export function Tabs<T extends string>({ label, idPrefix, tabs, active, onSelect, children, class: className }: TabsProps<T>) {
  const onKeyDown = (e: KeyboardEvent): void => {
    const next = rovingIndex(e.key, tabs.findIndex((t) => t.id === active), tabs.length, 'horizontal');
    const tab = tabs[next];
    if (next === -1 || !tab) return;
    e.preventDefault();
    onSelect(tab.id);
    const strip = e.currentTarget as HTMLElement;
    queueMicrotask(() => strip.querySelector<HTMLElement>(`#${idPrefix}-tab-${tab.id}`)?.focus());
  };
  return (
    <div class={`tabs ${className ?? ''}`}>
      <div class="tab-strip" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === active ? 0 : -1}
            class={tab.id === active ? 'active' : undefined}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div class="tab-panel" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${active}`} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
