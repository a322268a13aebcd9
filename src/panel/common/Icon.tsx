/** The few toolbar glyphs, as 16×16 inline SVG paths (currentColor), so they follow the theme. */
const PATHS = {
  record: 'M8 3.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9Z',
  stop: 'M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z',
  clear: 'M8 2a6 6 0 1 1 0 12A6 6 0 0 1 8 2Zm-3.4 3.5A4.5 4.5 0 0 0 10.5 11.4L4.6 5.5ZM11.4 10.5A4.5 4.5 0 0 0 5.5 4.6l5.9 5.9Z',
  import: 'M7.25 10V4.9L5.3 6.85 4.25 5.8 8 2.05l3.75 3.75-1.05 1.05-1.95-1.95V10h-1.5ZM3 12.5h10V14H3v-1.5Z',
  export: 'M8.75 2v5.1l1.95-1.95 1.05 1.05L8 9.95 4.25 6.2 5.3 5.15l1.95 1.95V2h1.5ZM3 12.5h10V14H3v-1.5Z',
  close: 'M4.3 3.2 8 6.9l3.7-3.7 1.1 1.1L9.1 8l3.7 3.7-1.1 1.1L8 9.1l-3.7 3.7-1.1-1.1L6.9 8 3.2 4.3l1.1-1.1Z',
  caret: 'M4.5 6h7L8 10 4.5 6Z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class={`icon icon-${name}`} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
