/** The `--help` text. */
export const HELP = `Usage: cors-inspector analyze <file.har> [--format text|json|md|html] [--out FILE]
                              [--only blocked] [--server NAME] [--no-redact]

Explains every CORS decision recorded in a HAR file exported from Chrome or Firefox DevTools:
what the recording browser decided, what Chromium and Firefox would each report, the checklist,
how to fix each failure, and the curl commands that reproduce it.

Arguments:
  <file.har>            HAR file to analyze ("-" reads standard input)

Options:
  -f, --format <fmt>    text (default), json (Report JSON, schema version 2), md (Markdown for an
                        issue tracker) or html (one self-contained page)
  -o, --out <FILE>      write the report to FILE instead of standard output
      --only blocked    list only the blocked exchanges
      --server <NAME>   include the server configuration for NAME with each fix: express, nginx,
                        apache, caddy, spring, aspnet, django, fastapi or go
      --no-redact       keep cookies, Authorization and other credentials (redacted by default)
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 when nothing was blocked, 1 when at least one exchange was blocked,
2 on a usage error or an unreadable or malformed HAR file.
Colour: text output is coloured on a terminal; NO_COLOR turns it off, FORCE_COLOR on.
`;
