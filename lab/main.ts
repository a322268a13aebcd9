/**
 * `tsx lab/main.ts [--port N] [--api-port N] [--api-alt-port N]`: starts the CORS lab and runs
 * until Ctrl-C. `--port` is the page port; the API ports default to the next two.
 */
import { parseArgs } from 'node:util';
import { labLessons } from './scenarios.ts';
import { DEFAULT_PORTS, startLab } from './server.ts';

function port(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}: not a port: ${v}`);
  return n;
}

/** `--port N` moves the API ports along (N+1, N+2); `--port 0` makes them any free port too. */
function next(p: number | undefined, by: number): number | undefined {
  if (p === undefined) return undefined;
  return p === 0 ? 0 : p + by;
}

const { values } = parseArgs({
  options: { port: { type: 'string' }, 'api-port': { type: 'string' }, 'api-alt-port': { type: 'string' } },
});
const pagePort = port(values.port, '--port');
const lab = await startLab({
  pagePort,
  apiPort: port(values['api-port'], '--api-port') ?? next(pagePort, 1),
  apiAltPort: port(values['api-alt-port'], '--api-alt-port') ?? next(pagePort, 2),
  scenarios: labLessons,
});

const moved = lab.ports.page !== DEFAULT_PORTS.page && pagePort === undefined ? ` (port ${DEFAULT_PORTS.page} was busy)` : '';
console.log(`CORS lab running${moved}
  page (open this):   ${lab.pageOrigin}/
  burst page:         ${lab.pageOrigin}/burst.html
  API same-site:      ${lab.apiSameSite}
  API cross-site:     ${lab.apiCrossSite}
  API alt:            ${lab.apiSameSiteAlt}  ${lab.apiCrossSiteAlt}
Ctrl-C to stop.`);

const stop = (): void => {
  void lab.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
