/** The `--help` text. */
export const HELP = `Usage: cors-inspector analyze <file.har> [--format text|json] [--out FILE]

Explains every CORS decision recorded in a HAR file exported from Chrome or Firefox DevTools:
what the recording browser decided, what Chromium and Firefox would each report, the checklist,
and how to fix each failure.

Arguments:
  <file.har>            HAR file to analyze ("-" reads standard input)

Options:
  -f, --format <fmt>    text (default) or json (Report JSON, schema version 1)
  -o, --out <FILE>      write the report to FILE instead of standard output
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 when nothing was blocked, 1 when at least one exchange was blocked,
2 on a usage error or an unreadable or malformed HAR file.

Colour: text output is coloured on a terminal; NO_COLOR turns it off, FORCE_COLOR on.
`;
