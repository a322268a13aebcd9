/** The HTML report's style sheet: inline, light and dark, printable (closed `<details>` print open). */
export const HTML_REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0;
  --bad: #cf222e; --good: #1a7f37; --warn: #9a6700; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
  --bad: #ff7b72; --good: #3fb950; --warn: #d29922; } }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { margin: 0 0 .5rem; font-size: 1.1rem; } h4 { margin: 1rem 0 .25rem; font-size: .95rem; }
.muted { color: var(--muted); } .bad { color: var(--bad); } .good { color: var(--good); } .warn { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; } th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); } td.num, th.num { text-align: right; } td.url, code, pre { overflow-wrap: anywhere; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--panel); padding: 0 .25rem; border-radius: 4px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; white-space: pre-wrap; margin: .25rem 0; }
article { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 1rem 0; break-inside: avoid-page; }
ul.checks { list-style: none; padding-left: 0; } ul.checks li { margin: .15rem 0; } .detail { margin-left: 1.5rem; }
details { margin: .25rem 0; } summary { cursor: pointer; color: var(--muted); }
@media print { body { max-width: none; padding: 0; } details::details-content { content-visibility: visible; display: block; }
  details > * { display: block; } summary { color: var(--fg); } article { border-color: #999; } }
`;
