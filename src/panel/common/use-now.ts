import { useEffect, useState } from 'preact/hooks';
import { usePanel } from '../app/context.ts';

/** The panel clock, re-read every `intervalMs` while the component is mounted (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const { now } = usePanel();
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [now, intervalMs]);
  return time;
}
