/**
 * `npm run start:firefox` (after the build): the user's Firefox, through `web-ext run`, with the
 * extension installed and DevTools open on a page — the user's (`-- --url <URL>`), else the CORS
 * lab, started here. Without a display it prints how to load the extension by hand and keeps the
 * lab running until Ctrl-C.
 */
import { DIST_FIREFOX, ROOT, firefoxPath } from '../test/harness/browsers.ts';
import { runWebExt } from './firefox/web-ext-run.ts';
import { prepareStart, runStartScript } from './start-options.ts';

async function main(): Promise<void> {
  const started = await prepareStart(process.argv.slice(2), 'Firefox', firefoxPath);
  if (started === null) return;
  const { url, lab, executable: firefox, keepRunning } = started;
  console.log(`Opening ${firefox} with the extension (web-ext run) and DevTools on ${url}; pick the "CORS" panel (it may be under »).`);
  const child = runWebExt({ root: ROOT, sourceDir: DIST_FIREFOX, firefox, url });
  const stop = async (): Promise<void> => {
    child.kill('SIGINT');
    await lab?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  child.on('exit', (code) => {
    console.log(`web-ext exited (${code ?? 'signal'}).${keepRunning}`);
    if (lab === null) process.exit(code ?? 0);
  });
}

runStartScript(main);
