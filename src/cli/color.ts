/**
 * Whether text output gets ANSI colour: never into a file; `FORCE_COLOR` decides when set
 * (`0`/`false` off, anything else on — Node's own rule, so it wins over `NO_COLOR`); a non-empty
 * `NO_COLOR` turns it off (https://no-color.org); otherwise only on a terminal.
 */
export interface ColorContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
  readonly toFile: boolean;
}

export function shouldUseColor({ env, isTTY, toFile }: ColorContext): boolean {
  if (toFile) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return isTTY;
}
