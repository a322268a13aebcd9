import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import './SplitPane.css';

const MIN = 20;
const MAX = 80;

/** Two panes side by side with a draggable (and keyboard-movable) divider; `second` may be absent. */
export function SplitPane({ first, second, initial = 55, label }: { first: ComponentChildren; second: ComponentChildren | null; initial?: number; label: string }) {
  const [percent, setPercent] = useState(initial);
  const root = useRef<HTMLDivElement>(null);
  const clamp = (v: number): number => Math.min(MAX, Math.max(MIN, v));

  const onPointerDown = (e: PointerEvent): void => {
    const element = root.current;
    if (!element) return;
    e.preventDefault();
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture?.(e.pointerId);
    const rect = element.getBoundingClientRect();
    const move = (ev: PointerEvent): void => setPercent(clamp(((ev.clientX - rect.left) / rect.width) * 100));
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  return (
    <div ref={root} class={`split${second ? ' split-open' : ''}`} style={{ '--split': `${percent}%` }}>
      <div class="split-first">{first}</div>
      {second && (
        <>
          <div
            class="split-handle"
            role="separator"
            aria-orientation="vertical"
            aria-label={label}
            aria-valuemin={MIN}
            aria-valuemax={MAX}
            aria-valuenow={Math.round(percent)}
            tabIndex={0}
            onPointerDown={onPointerDown}
            onKeyDown={(e) => {
              if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                e.preventDefault();
                setPercent((p) => clamp(p + (e.key === 'ArrowLeft' ? -2 : 2)));
              }
            }}
          />
          <div class="split-second">{second}</div>
        </>
      )}
    </div>
  );
}
