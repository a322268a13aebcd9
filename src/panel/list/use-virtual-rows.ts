/**
 * Fixed-height row virtualization: which rows of `count` intersect the scroll viewport.
 * Tracks the element's scrollTop and height (ResizeObserver where available).
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface VirtualWindow {
  readonly start: number;
  readonly end: number;
  readonly viewportHeight: number;
}

const OVERSCAN = 8;

export function virtualWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number): VirtualWindow {
  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(count, first + visible + OVERSCAN);
  return { start, end, viewportHeight };
}

/** A fallback viewport height before layout (happy-dom has none): about a screenful of rows. */
const DEFAULT_VIEWPORT = 600;

export function useVirtualRows(ref: RefObject<HTMLElement | null>, count: number, rowHeight: number): VirtualWindow {
  const [scroll, setScroll] = useState({ top: 0, height: DEFAULT_VIEWPORT });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void =>
      setScroll((prev) => {
        const top = element.scrollTop;
        const height = element.clientHeight || DEFAULT_VIEWPORT;
        return prev.top === top && prev.height === height ? prev : { top, height };
      });
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [ref]);
  return virtualWindow(count, rowHeight, scroll.top, scroll.height);
}

/** Scrolls `element` the least amount that brings row `index` fully into view. */
export function scrollRowIntoView(element: HTMLElement, index: number, rowHeight: number, headerHeight = 0): void {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const viewTop = element.scrollTop;
  const viewBottom = viewTop + element.clientHeight - headerHeight;
  if (top < viewTop) element.scrollTop = top;
  else if (bottom > viewBottom) element.scrollTop = bottom - (element.clientHeight - headerHeight);
}
