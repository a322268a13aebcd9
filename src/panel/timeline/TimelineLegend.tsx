import './TimelineLegend.css';

/** The key under the timeline: what each mark means. */
export function TimelineLegend() {
  return (
    <div class="timeline-legend" aria-hidden="true">
      <span class="legend-item">
        <span class="lane-bar seg-preflight" /> preflight
      </span>
      <span class="legend-item">
        <span class="lane-bar seg-request" /> request
      </span>
      <span class="legend-item">
        <span class="lane-cache" /> preflight from cache
      </span>
      <span class="legend-item">
        <span class="lane-bar seg-request failed" /> blocked / failed
      </span>
    </div>
  );
}
