import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Scenario time. Durations are written in real-time milliseconds and divided by `speed`,
 * so speed 10 runs a timeline ten times faster. Every wait rejects with an AbortError
 * once `signal` aborts, which is how a stopped timeline unwinds.
 */
export class ScaledClock {
  readonly #speed: number;
  readonly #signal: AbortSignal;
  readonly #startedAt = performance.now();

  constructor(speed: number, signal: AbortSignal) {
    this.#speed = speed;
    this.#signal = signal;
  }

  /** Scenario milliseconds since the clock was created, for timelines that keep a rate. */
  now(): number {
    return (performance.now() - this.#startedAt) * this.#speed;
  }

  sleep(scenarioMs: number): Promise<void> {
    return delay(scenarioMs / this.#speed, undefined, { signal: this.#signal });
  }

  /** Waits until the timeline stops, for work that never finishes on its own. */
  waitUntilStopped(): Promise<never> {
    const signal = this.#signal;
    return new Promise((_resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
}
