/**
 * Text styling for renderers: ANSI SGR colours, or none. Whether to colour is the caller's
 * decision (the CLI looks at `isTTY`, `NO_COLOR`, `FORCE_COLOR`); renderers only apply a `Style`.
 */

export interface Style {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const identity = (text: string): string => text;

export const PLAIN: Style = { red: identity, green: identity, yellow: identity, dim: identity, bold: identity };

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

export const ANSI: Style = { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
