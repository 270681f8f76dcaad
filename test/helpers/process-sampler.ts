import { processesContaining } from './secret-scan.js';

/** Looks at every process's command line and environment every few milliseconds until stopped. */
export class ProcessSampler {
  readonly #needle: string;
  readonly #hits = new Set<string>();
  #samples = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(needle: string, everyMs = 25) {
    this.#needle = needle;
    // Unref'd: a sampler a failed test never stopped must not keep the run alive (tests stop it in a finally).
    this.#timer = setInterval(() => this.sample(), everyMs).unref();
  }

  private sample(): void {
    this.#samples += 1;
    for (const hit of processesContaining(this.#needle)) this.#hits.add(hit);
  }

  /** Stops sampling; returns how many samples were taken and where the needle was seen. */
  stop(): { samples: number; hits: string[] } {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.sample();
    return { samples: this.#samples, hits: [...this.#hits] };
  }
}
