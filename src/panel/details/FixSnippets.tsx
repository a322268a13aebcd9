import { useState } from 'preact/hooks';
import { FRAMEWORK_LABEL, FRAMEWORKS, renderSnippet, type CorsPolicy, type Framework } from '../../shared/cors/content/snippets.ts';
import { Tabs } from '../common/Tabs.tsx';
import './FixSnippets.css';

const TABS = FRAMEWORKS.map((id) => ({ id, label: FRAMEWORK_LABEL[id].replace(/ \(.*\)$/, '') }));

/** The fix as server configuration, one tab per server (rendered by the evaluator's snippets). */
export function FixSnippets({ policy }: { policy: CorsPolicy }) {
  const [framework, setFramework] = useState<Framework>('express');
  const code = renderSnippet(framework, policy);
  return (
    <div class="snippets" data-testid="snippets">
      <Tabs label="Server" idPrefix="snippet" tabs={TABS} active={framework} onSelect={setFramework}>
        <pre class="snippet">
          <code>{code}</code>
        </pre>
        <div class="snippet-note">
          {FRAMEWORK_LABEL[framework]}
          <button type="button" class="text-button copy" onClick={() => void navigator.clipboard?.writeText(code)}>
            Copy
          </button>
        </div>
      </Tabs>
    </div>
  );
}
