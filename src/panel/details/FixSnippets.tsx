import { usePanel } from '../app/context.ts';
import { FRAMEWORK_LABEL, FRAMEWORKS, renderSnippet, type CorsPolicy } from '../../shared/cors/content/snippets.ts';
import { Tabs } from '../common/Tabs.tsx';
import { copyAndTell } from '../io/copy-and-tell.ts';
import { fixServer } from '../io/preferences.ts';
import './FixSnippets.css';

const TABS = FRAMEWORKS.map((id) => ({ id, label: FRAMEWORK_LABEL[id].replace(/ \(.*\)$/, '') }));

/**
 * The fix as server configuration, one tab per server (rendered by the evaluator's snippets). The
 * chosen server is remembered, and exported Markdown and HTML reports include its snippet.
 */
export function FixSnippets({ policy }: { policy: CorsPolicy }) {
  const { store } = usePanel();
  const framework = fixServer.use();
  const code = renderSnippet(framework, policy);
  return (
    <div class="snippets" data-testid="snippets">
      <Tabs label="Server" idPrefix="snippet" tabs={TABS} active={framework} onSelect={(id) => fixServer.set(id)}>
        <pre class="snippet">
          <code>{code}</code>
        </pre>
        <div class="snippet-note">
          {FRAMEWORK_LABEL[framework]}
          <button type="button" class="text-button copy" onClick={() => void copyAndTell(store, code, `the ${FRAMEWORK_LABEL[framework]} configuration`)}>
            Copy
          </button>
        </div>
      </Tabs>
    </div>
  );
}
