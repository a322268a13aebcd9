/**
 * `npm start` (after the build): opens the user's Chrome or Chromium with the extension loaded and
 * DevTools open on a page — the user's (`-- --url <URL>`), else the CORS lab, started here. The
 * extension is loaded over the DevTools protocol, which branded Google Chrome 137+ still allows
 * (./chrome/launch.ts). Without a display it prints how to load the extension by hand and keeps
 * the lab running until Ctrl-C.
 */
import { CHROMIUM_ARGS, DIST_CHROME, chromiumPath } from '../test/harness/browsers.ts';
import { launchChromeWithExtension } from './chrome/launch.ts';
import { prepareStart, runStartScript } from './start-options.ts';

async function main(): Promise<void> {
  const started = await prepareStart(process.argv.slice(2), 'Chrome', chromiumPath);
  if (started === null) return;
  const { url, lab, executable, keepRunning } = started;
  const stop = async (): Promise<void> => {
    await lab?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // A desktop session keeps the GPU; the sandbox is only dropped where Chromium refuses it (root).
  const isRoot = process.getuid?.() === 0;
  const args = CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu' && (isRoot || a !== '--no-sandbox'));
  const result = await launchChromeWithExtension({ executable, extensionDir: DIST_CHROME, url, args });
  const name = result.version.text || executable;
  switch (result.kind) {
    case 'pipe':
      console.log(`Opened ${name} with the extension (loaded over the DevTools protocol) and DevTools on ${url}; pick the "CORS" panel (it may be under »).${keepRunning}`);
      void result.cdp.exited.then(() => {
        console.log(`The browser closed.${keepRunning}`);
        if (lab === null) process.exit(0);
      });
      break;
    case 'flag':
      console.log(`${name} refused the DevTools protocol's Extensions.loadUnpacked (${result.refused}); opened it with --load-extension instead, DevTools on ${url}.${keepRunning}`);
      result.process.on('exit', () => {
        if (lab === null) process.exit(0);
      });
      break;
    case 'manual':
      console.log(`\n${result.instructions}\n(The browser said: ${result.refused})${keepRunning}`);
      if (lab === null) process.exit(1);
      break;
    default: {
      const never: never = result;
      throw new Error(`unexpected launch result ${JSON.stringify(never)}`);
    }
  }
}

runStartScript(main);
