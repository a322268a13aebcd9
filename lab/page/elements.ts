/**
 * Steps an element makes instead of script: `<img>`, `<link rel=stylesheet>`, classic and module
 * `<script>`, and web fonts (`FontFace` and `@font-face`). The page learns only whether the
 * resource loaded: a CORS failure is an `error` event (a rejected or `error`-status font), with
 * no reason and no exception anywhere; the reason is in the console alone.
 */
import type { Step, StepKind, StepResult } from '../types.ts';

export type ElementKind = Exclude<StepKind, 'fetch' | 'xhr'>;

/**
 * The `crossorigin` attribute for a step: `use-credentials` with credentials `include`, none for
 * mode `no-cors` (the element then loads without CORS and the response is opaque), else
 * `anonymous` (https://html.spec.whatwg.org/#cors-settings-attributes).
 */
export function crossOriginOf(step: Step): 'anonymous' | 'use-credentials' | null {
  if (step.mode === 'no-cors') return null;
  return step.credentials === 'include' ? 'use-credentials' : 'anonymous';
}

let families = 0;

/** A fresh font-family name (fonts are shared per document by family and URL). */
function newFamily(): string {
  families += 1;
  return `cors_lab_${Date.now().toString(36)}_${families}`;
}

/** Waits for the element's `load` or `error`, then removes it. */
function loadEvent(el: HTMLElement, parent: HTMLElement, index: number, url: string): Promise<StepResult> {
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      el.remove();
      resolve(ok ? { step: index, url, ok } : { step: index, url, ok, error: `${el.localName} error event` });
    };
    el.addEventListener('load', () => done(true), { once: true });
    el.addEventListener('error', () => done(false), { once: true });
    parent.append(el);
  });
}

/** `FontFace.load()` (or, for `@font-face`, `document.fonts.load()` and the face's status). */
async function loadFont(kind: 'font-face' | 'font-css', index: number, url: string): Promise<StepResult> {
  const family = newFamily();
  const source = `url(${JSON.stringify(url)})`;
  let face: FontFace | undefined;
  let rejected: unknown = null;
  if (kind === 'font-face') {
    face = new FontFace(family, source);
    await face.load().catch((e: unknown) => (rejected = e));
  } else {
    const style = document.createElement('style');
    style.textContent = `@font-face { font-family: ${family}; src: ${source}; }`;
    document.head.append(style);
    await document.fonts.load(`16px ${family}`).catch((e: unknown) => (rejected = e));
    face = [...document.fonts].find((f) => f.family.replace(/^["']|["']$/g, '') === family);
    style.remove();
  }
  if (face?.status === 'loaded') return { step: index, url, ok: true };
  const why = rejected instanceof Error ? `${rejected.name}: ${rejected.message}` : `font status ${face?.status ?? 'none'}`;
  return { step: index, url, ok: false, error: why };
}

/** Runs one element step; needs a document (not a worker). */
export function runElement(kind: ElementKind, step: Step, index: number, url: string): Promise<StepResult> {
  if (typeof document === 'undefined') return Promise.resolve({ step: index, url, ok: false, error: `${kind} steps need a document` });
  const crossOrigin = crossOriginOf(step);
  switch (kind) {
    case 'img': {
      const img = new Image();
      if (crossOrigin !== null) img.crossOrigin = crossOrigin;
      return new Promise((resolve) => {
        img.onload = () => resolve({ step: index, url, ok: true });
        img.onerror = () => resolve({ step: index, url, ok: false, error: 'img error event' });
        img.src = url;
      });
    }
    case 'stylesheet': {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      if (crossOrigin !== null) link.crossOrigin = crossOrigin;
      link.href = url;
      return loadEvent(link, document.head, index, url);
    }
    case 'script':
    case 'module': {
      const script = document.createElement('script');
      if (kind === 'module') script.type = 'module';
      if (crossOrigin !== null) script.crossOrigin = crossOrigin;
      script.src = url;
      return loadEvent(script, document.head, index, url);
    }
    case 'font-face':
    case 'font-css':
      return loadFont(kind, index, url);
  }
}
