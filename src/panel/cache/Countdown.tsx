import { remainingSeconds, type CacheEntry } from '../state/preflight-cache.ts';
import { formatDuration } from '../state/timing.ts';
import './Countdown.css';

/** Whole seconds: "42 s", "7 min 12 s". */
function formatLeft(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** "600 s · 7 min 12 s left" or "expired"; the parent re-renders it every second. */
export function Countdown({ entry, lifetime, now }: { entry: CacheEntry; lifetime: number; now: number }) {
  if (lifetime === 0) return <span class="muted">not cached</span>;
  const left = remainingSeconds(entry, lifetime, now);
  return (
    <span class="countdown">
      {lifetime} s
      {left === null ? null : left > 0 ? (
        <span class="countdown-left" role="timer">
          {' '}
          · {formatLeft(left)} left
        </span>
      ) : (
        <span class="countdown-expired"> · expired</span>
      )}
    </span>
  );
}
