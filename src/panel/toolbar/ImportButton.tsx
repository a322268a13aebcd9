import { useRef } from 'preact/hooks';
import { usePanel } from '../app/context.ts';
import { Icon } from '../common/Icon.tsx';

/** "Import HAR…": a button over a hidden file input (drag-and-drop is handled by <DropZone>). */
export function ImportButton() {
  const { actions } = usePanel();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="tool-button" aria-label="Import HAR" title="Import a HAR file (or drop one on the panel)" onClick={() => input.current?.click()}>
        <Icon name="import" />
      </button>
      <input
        ref={input}
        type="file"
        accept=".har,.json,application/json"
        hidden
        data-testid="har-input"
        aria-label="HAR file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) actions.importHar(file);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}
