import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { usePanel } from '../app/context.ts';
import './DropZone.css';

/** Browsers hide the files during a drag but list the type `Files`; on drop the files are there. */
function hasFiles(e: DragEvent): boolean {
  const transfer = e.dataTransfer;
  return transfer !== null && ([...transfer.types].includes('Files') || transfer.files.length > 0);
}

/** Accepts a dropped HAR file anywhere in the panel, with an overlay while dragging. */
export function DropZone({ children }: { children: ComponentChildren }) {
  const { actions } = usePanel();
  const [over, setOver] = useState(false);
  return (
    <div
      class="drop-zone"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !(e.relatedTarget instanceof Node) || !e.currentTarget.contains(e.relatedTarget)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer?.files[0];
        if (file) actions.importHar(file);
      }}
    >
      {children}
      {over && (
        <div class="drop-overlay" aria-hidden="true">
          Drop a HAR file to analyse it
        </div>
      )}
    </div>
  );
}
