/**
 * `npm run start:firefox` (after the build): the user's Firefox, through `web-ext run`, with the
 * extension installed and DevTools open on a page — the user's (`-- --url <URL>`), else the CORS
 * lab, started here. Without a display it prints how to load the extension by hand and keeps the
 * lab running until Ctrl-C.
 */
import { DIST_CHROME, DIST_FIREFOX, MissingBrowserError, ROOT, firefoxPath } from '../test/harness/browsers.ts';
import { runWebExt } from './firefox/web-ext-run.ts';
import { byHand, hasDisplay, parseStartOptions, START_USAGE, StartOptionError, startTarget } from './start-options.ts';

async function main(): Promise<void> {
  const options = parseStartOptions(process.argv.slice(2));
  if (options.help) {
    console.log(START_USAGE);
    return;
  }
  const { url, lab } = await startTarget(options, (line) => console.log(line));
  const keepRunning = lab === null ? '' : ' The lab keeps running until you press Ctrl-C.';
  let firefox: string | null = null;
  try {
    firefox = firefoxPath();
  } catch (error) {
    if (!(error instanceof MissingBrowserError)) throw error;
    console.log(error.message);
  }
  if (!hasDisplay() || firefox === null) {
    console.log(`\nNo display${firefox ? '' : ' or no Firefox'} here, so no browser was opened. ${byHand(url, DIST_CHROME, DIST_FIREFOX)}${keepRunning}`);
    if (lab === null) process.exit(0);
    return;
  }
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

main().catch((error: unknown) => {
  console.error(error instanceof StartOptionError ? `${error.message}\n\n${START_USAGE}` : error);
  process.exit(2);
});
