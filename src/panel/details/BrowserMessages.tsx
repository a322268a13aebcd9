import { mdnUrl } from '../../shared/cors/codes.ts';
import type { BrowserVerdict } from '../../shared/cors/verdict.ts';
import { SpecLink } from '../common/SpecLink.tsx';
import './BrowserMessages.css';

const NAMES = { chromium: 'Chrome', firefox: 'Firefox' } as const;

/** What each browser decides and prints to its console, side by side. */
export function BrowserMessages({ verdicts, recorder }: { verdicts: readonly BrowserVerdict[]; recorder: string }) {
  return (
    <div class="browser-messages">
      {verdicts.map((v) => (
        <div key={v.browser} class={`browser-card ${v.allowed ? 'allowed' : 'blocked'}`} data-browser={v.browser}>
          <div class="browser-card-head">
            <strong>{NAMES[v.browser]}</strong>
            <span class={`pill ${v.allowed ? 'pill-allowed' : 'pill-blocked'}`}>{v.allowed ? 'allows' : 'blocks'}</span>
            {recorder === v.browser && <span class="tag">recorded here</span>}
          </div>
          {v.corsError && (
            <div class="browser-code">
              CorsError <code>{v.corsError}</code>
              {v.failedParameter ? (
                <>
                  {' '}
                  (<code>{v.failedParameter}</code>)
                </>
              ) : null}
            </div>
          )}
          {v.firefoxReason && (
            <div class="browser-code">
              Reason <SpecLink href={mdnUrl(v.firefoxReason)} label={v.firefoxReason} />
            </div>
          )}
          {v.consoleMessage ? (
            <pre class="console-message">{v.consoleMessage}</pre>
          ) : (
            <p class="muted">{v.allowed ? 'No console error.' : 'No console message known.'}</p>
          )}
        </div>
      ))}
    </div>
  );
}
