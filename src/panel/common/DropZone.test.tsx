import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

/**
 * Dispatches a drag event carrying `transfer`. (Built by hand: the test DOM's drag events from
 * fireEvent never reach listeners.)
 */
function drag(target: Element, type: 'dragover' | 'drop', transfer: DataTransfer): void {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: transfer });
  act(() => {
    target.dispatchEvent(event);
  });
}

function withFile(file: File): DataTransfer {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  return transfer;
}

describe('drag and drop import', () => {
  it('shows an overlay while a file is dragged and imports the dropped file', () => {
    const { calls, container } = renderPanel();
    const zone = container.querySelector('.drop-zone')!;
    const file = new File(['{}'], 'trace.har', { type: 'application/json' });
    drag(zone, 'dragover', withFile(file));
    expect(screen.getByText('Drop a HAR file to analyse it')).toBeTruthy();
    drag(zone, 'drop', withFile(file));
    expect(screen.queryByText('Drop a HAR file to analyse it')).toBeNull();
    expect(calls).toEqual([{ name: 'importHar', args: [file] }]);
  });

  it('ignores drags that carry no files (text, links)', () => {
    const { calls, container } = renderPanel();
    const zone = container.querySelector('.drop-zone')!;
    const text = new DataTransfer();
    text.items.add('hello', 'text/plain');
    drag(zone, 'dragover', text);
    expect(screen.queryByText('Drop a HAR file to analyse it')).toBeNull();
    drag(zone, 'drop', text);
    expect(calls).toEqual([]);
  });
});
