import { setMaxListeners } from 'node:events';
import type { ActivityPatch } from './activity.ts';
import { ActivityGoneError, type ActivityStore, type StartOptions } from './activity-store.ts';
import type { EventHub } from './event-hub.ts';
import type { JsonObject } from './json-value.ts';
import { ScaledClock } from './scaled-clock.ts';

/** A scenario's grip on one activity it started. */
export interface ActivityHandle {
  readonly uuid: string;
  /** Merges the patch and emits `updated`. Throws ActivityGoneError once the activity ended. */
  update(patch: ActivityPatch): void;
  /** Emits `ended`. Throws ActivityGoneError once the activity ended. */
  end(patch?: ActivityPatch): void;
}

export interface ScenarioContext {
  sleep(scenarioMs: number): Promise<void>;
  /** Scenario milliseconds since the timeline started. */
  now(): number;
  waitUntilStopped(): Promise<never>;
  startActivity(fields: ActivityPatch, options?: StartOptions): ActivityHandle;
  /** Sends a non-activity notification such as `playing` to the open streams. */
  sendEvent(eventName: string, payload: JsonObject): void;
  /** Runs a task alongside the caller. */
  spawn(task: () => Promise<void>): void;
  /** Runs a task to its end. A cancelled or removed activity ends only that task. */
  perform(task: () => Promise<void>): Promise<void>;
}

export type Scenario = (context: ScenarioContext) => Promise<void>;

/** Running scenario timelines, each stoppable through its own AbortController. */
export class TimelineRunner {
  readonly #controllers = new Set<AbortController>();
  readonly #store: ActivityStore;
  readonly #hub: EventHub;

  constructor(store: ActivityStore, hub: EventHub) {
    this.#store = store;
    this.#hub = hub;
  }

  get size(): number {
    return this.#controllers.size;
  }

  run(name: string, scenario: Scenario, speed: number): void {
    const controller = new AbortController();
    // Every pending sleep adds an abort listener, and `day` has dozens of tasks asleep at once.
    setMaxListeners(1_000, controller.signal);
    const clock = new ScaledClock(speed, controller.signal);
    let pendingTasks = 0;
    this.#controllers.add(controller);

    const spawn = (task: () => Promise<void>) => {
      pendingTasks += 1;
      void runGuarded(name, task).finally(() => {
        pendingTasks -= 1;
        if (pendingTasks === 0) {
          this.#controllers.delete(controller);
        }
      });
    };

    const context: ScenarioContext = {
      sleep: (scenarioMs) => clock.sleep(scenarioMs),
      now: () => clock.now(),
      waitUntilStopped: () => clock.waitUntilStopped(),
      startActivity: (fields, options) => this.#startActivity(fields, options),
      sendEvent: (eventName, payload) => {
        this.#hub.send(eventName, JSON.stringify(payload));
      },
      spawn,
      perform: (task) => ignoreGoneActivity(task),
    };

    spawn(() => scenario(context));
  }

  stopAll(): void {
    for (const controller of this.#controllers) {
      controller.abort();
    }
    this.#controllers.clear();
  }

  #startActivity(fields: ActivityPatch, options?: StartOptions): ActivityHandle {
    const store = this.#store;
    const { uuid } = store.start(fields, options);

    const requireRunning = () => {
      if (!store.isRunning(uuid)) {
        throw new ActivityGoneError(uuid);
      }
    };

    return {
      uuid,
      update(patch) {
        requireRunning();
        store.update(uuid, patch);
      },
      end(patch) {
        requireRunning();
        store.end(uuid, patch);
      },
    };
  }
}

async function ignoreGoneActivity(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    if (!(error instanceof ActivityGoneError)) {
      throw error;
    }
  }
}

async function runGuarded(name: string, task: () => Promise<void>): Promise<void> {
  try {
    await ignoreGoneActivity(task);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      return;
    }
    console.error(`[simulator] scenario "${name}" failed and stopped:`, error);
  }
}
