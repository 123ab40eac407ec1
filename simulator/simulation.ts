import { ActivityStore } from './activity-store.ts';
import { EventHub } from './event-hub.ts';
import { HeldRequests } from './held-requests.ts';
import type { FormatMode } from './plex-responses.ts';
import { RequestLog } from './request-log.ts';
import { SCENARIOS, type ScenarioName } from './scenarios/registry.ts';
import { machineIdentifierFor } from './server-info.ts';
import { TimelineRunner } from './timelines.ts';

/** Failures a test can switch on through `POST /__simulator/faults`. */
export interface Faults {
  /** Every token-protected path responds with 401 as if the token were wrong. */
  unauthorized: boolean;
  /** Every Plex path responds with 500. */
  status500: boolean;
  /** Every Plex path accepts the request and sends nothing until the fault is cleared. */
  hang: boolean;
  /** Streams send `ping` while this is true. */
  pings: boolean;
}

export interface SimulationSettings {
  token: string;
  speed: number;
  scenario: ScenarioName;
  serverName: string;
  pingIntervalMs: number;
  verbose: boolean;
}

const NO_FAULTS: Faults = { unauthorized: false, status500: false, hang: false, pings: true };

/** The state of one simulated server: activities, streams, timelines and test switches. */
export class Simulation {
  readonly settings: SimulationSettings;
  readonly machineIdentifier: string;
  readonly hub: EventHub;
  readonly store: ActivityStore;
  readonly timelines: TimelineRunner;
  readonly requestLog = new RequestLog();
  readonly heldRequests = new HeldRequests();
  formatMode: FormatMode = 'auto';
  #faults: Faults = { ...NO_FAULTS };

  constructor(settings: SimulationSettings) {
    this.settings = settings;
    this.machineIdentifier = machineIdentifierFor(settings.serverName);
    this.hub = new EventHub(settings.pingIntervalMs);
    this.store = new ActivityStore((event, activity) => this.hub.sendActivity(event, activity));
    this.timelines = new TimelineRunner(this.store, this.hub);
  }

  get faults(): Faults {
    return { ...this.#faults };
  }

  /** Applies the given switches and keeps the others. Clearing `hang` responds to held requests. */
  setFaults(changes: Partial<Faults>): Faults {
    this.#faults = { ...this.#faults, ...changes };
    this.hub.pingsEnabled = this.#faults.pings;
    if (!this.#faults.hang) {
      this.heldRequests.releaseAll();
    }
    return this.faults;
  }

  startScenario(name: ScenarioName, speed: number = this.settings.speed): void {
    this.timelines.run(name, SCENARIOS[name], speed);
  }

  /**
   * Stops every scenario timeline but keeps its activities, which stay listed and stop changing
   * until a control call or a cancel ends them. Returns how many timelines were stopped.
   */
  stopScenarios(): number {
    const stopped = this.timelines.size;
    this.timelines.stopAll();
    return stopped;
  }

  startConfiguredScenario(): void {
    this.startScenario(this.settings.scenario);
  }

  /** Stops all timelines and clears activities, faults, format mode and request log. */
  reset(): void {
    this.timelines.stopAll();
    this.store.clear();
    this.formatMode = 'auto';
    this.setFaults(NO_FAULTS);
    this.requestLog.clear();
  }

  /** Acts like a PMS restart: streams close, activities vanish, the scenario starts over. */
  restart(): void {
    this.hub.dropAll();
    this.timelines.stopAll();
    this.store.clear();
    this.startConfiguredScenario();
  }

  /** Stops everything that keeps the process alive, apart from the listener itself. */
  shutDown(): void {
    this.timelines.stopAll();
    this.store.clear();
    this.hub.dropAll();
    this.heldRequests.destroyAll();
  }
}
