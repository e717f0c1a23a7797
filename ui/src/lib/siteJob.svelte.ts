// A computation over the appraisal's sites that runs in the core for seconds to minutes (road
// times from an extract, public transport times from timetables): its phase, the progress
// polled while it runs, its outcome or the core's message, and a cancel that ends as
// "cancelled", not "failed". Both panels that start one share this, so they behave alike.
import * as api from './api';
import type { ApiError, SiteProgressView } from './api';
import { app } from './state.svelte';

export type JobPhase = 'idle' | 'working' | 'done' | 'cancelled' | 'failed';

export class SiteJob<T> {
  phase = $state<JobPhase>('idle');
  progress = $state<SiteProgressView | null>(null);
  outcome = $state<T | null>(null);
  message = $state('');
  #cancelling = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #poll: () => Promise<SiteProgressView>;
  #stop: () => Promise<void>;

  /** `poll` reads the core's progress; `stop` asks the core to cancel. */
  constructor(poll: () => Promise<SiteProgressView>, stop: () => Promise<void>) {
    this.#poll = poll;
    this.#stop = stop;
  }

  /** Ends before starting, with `message` shown as the failure. */
  refuse(message: string) {
    this.phase = 'failed';
    this.message = message;
  }

  /** Runs `compute`, polling progress meanwhile; on success the document's state is reread,
   * since the result is applied as an edit. */
  async run(compute: () => Promise<T>) {
    this.phase = 'working';
    this.progress = null;
    this.outcome = null;
    this.#cancelling = false;
    this.#timer = setInterval(async () => {
      const p = await this.#poll().catch(() => null);
      if (p && this.phase === 'working') this.progress = p;
    }, 150);
    try {
      this.outcome = await compute();
      this.phase = 'done';
      await app.act(api.documentState);
    } catch (e) {
      this.message = (e as ApiError).message;
      this.phase = this.#cancelling ? 'cancelled' : 'failed';
    } finally {
      clearInterval(this.#timer);
    }
  }

  async cancel() {
    this.#cancelling = true;
    await this.#stop();
  }

  /** Stops polling when the panel goes away. */
  dispose() {
    clearInterval(this.#timer);
  }
}
