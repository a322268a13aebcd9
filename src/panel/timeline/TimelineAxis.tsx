import { formatDuration } from '../state/timing.ts';
import './TimelineAxis.css';

/** Picks a "nice" tick step (1, 2, 5 × 10ⁿ ms) giving about six ticks over `total` ms. */
export function tickStep(total: number): number {
  const raw = total / 6;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return step ?? 10 * magnitude;
}

/** The time ruler above the timeline's lanes. */
export function TimelineAxis({ total }: { total: number }) {
  const step = tickStep(total);
  const ticks: number[] = [];
  for (let t = 0; t <= total; t += step) ticks.push(t);
  return (
    <div class="timeline-axis" aria-hidden="true">
      <span class="lane-label" />
      <span class="lane-track">
        {ticks.map((t) => (
          <span key={t} class="tick" style={{ left: `${(t / total) * 100}%` }}>
            {formatDuration(t)}
          </span>
        ))}
      </span>
    </div>
  );
}
