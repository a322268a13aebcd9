/** The automation surface the lab pages put on `window`. */
import type { StepResult } from '../types.ts';

export type FrameKind = 'same-origin' | 'cross-site' | 'sandboxed';

/** The workers the lab page can run a scenario in: dedicated (classic or module), shared, or its service worker. */
export type WorkerKind = 'dedicated' | 'module' | 'shared' | 'service';

export interface BurstResult {
  n: number;
  preflighted: number;
  ok: number;
  failed: number;
  ms: number;
  /** First few error texts, for diagnosis. */
  errors: string[];
  run: string;
}

declare global {
  interface Window {
    /** Resolves once the scenario table is loaded. */
    labReady: Promise<void>;
    labRun(id: string, run?: string): Promise<StepResult[]>;
    /** One step of a scenario (after its delayMs); pass the same run to every step of one run. */
    labRunStep(id: string, step: number, run: string): Promise<StepResult>;
    labRunAll(opts?: { skipSlow?: boolean }): Promise<Record<string, StepResult[]>>;
    /**
     * Runs a scenario inside a worker (fetch steps only): a classic `dedicated` worker (default),
     * a `module` worker, a `shared` worker, or the lab's `service` worker (`/sw.js`, scope `/`,
     * registered on first use and controlling the page).
     */
    labRunInWorker(id: string, run?: string, kind?: WorkerKind): Promise<StepResult[]>;
    /**
     * Runs a scenario inside an iframe of `/frame.html`: `same-origin` (default, the page origin),
     * `cross-site` (`http://127.0.0.1:<pagePort>/frame.html`, another site embedded in this page:
     * partitioned caches and cookies) or `sandboxed` (`sandbox="allow-scripts"`: an opaque origin,
     * so requests carry `Origin: null`).
     */
    labRunInFrame(id: string, run?: string, where?: FrameKind): Promise<StepResult[]>;
    /** burst.html: n concurrent fetches, the given fraction preflighted. */
    labBurst(n: number, preflightedFraction?: number): Promise<BurstResult>;
  }
}
