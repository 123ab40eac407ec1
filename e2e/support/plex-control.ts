import type { APIRequestContext } from '@playwright/test';

/** Fields of an activity the simulated server should start, as Plex would send them. */
export interface ActivityInput {
  type: string;
  title: string;
  subtitle?: string;
  progress?: number;
  cancellable?: boolean;
  Context?: Record<string, unknown>;
  /** Makes the server return 400 for a cancel although the activity is listed as cancellable. */
  refuseCancel?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  at: number;
}

export interface SimulatorState {
  activities: { uuid: string; title: string; progress?: number }[];
  streams: number;
  requests: LoggedRequest[];
}

/** Drives the simulated Plex server through its control API, as the tests' hand on the server. */
export class PlexControl {
  constructor(
    private readonly request: APIRequestContext,
    readonly baseUrl: string,
  ) {}

  /** Resets the server and closes its event streams, so each test starts without a shared stream. */
  async reset(): Promise<void> {
    await this.post('/reset');
    await this.post('/streams/drop');
  }

  async startActivity(input: ActivityInput): Promise<string> {
    const body = (await this.post('/activities', input)) as { uuid: string };
    return body.uuid;
  }

  async updateActivity(uuid: string, fields: Partial<ActivityInput>): Promise<void> {
    await this.send('PATCH', `/activities/${uuid}`, fields);
  }

  async endActivity(uuid: string, progress?: number): Promise<void> {
    await this.post(`/activities/${uuid}/end`, progress === undefined ? {} : { progress });
  }

  /** Removes an activity without sending `ended`, like an event lost on the way. */
  async forgetActivity(uuid: string): Promise<void> {
    await this.post(`/activities/${uuid}/forget`);
  }

  async state(): Promise<SimulatorState> {
    const response = await this.request.get(`${this.baseUrl}/__simulator/state`);
    return (await response.json()) as SimulatorState;
  }

  async requests(method: string, pathPrefix: string): Promise<LoggedRequest[]> {
    const { requests } = await this.state();
    return requests.filter((entry) => entry.method === method && entry.path.startsWith(pathPrefix));
  }

  /** Starts a scenario alongside what runs. Scenario durations are divided by `speed`. */
  async startScenario(name: string, speed?: number): Promise<void> {
    await this.post('/scenario', speed === undefined ? { name } : { name, speed });
  }

  /** Stops every scenario timeline. Their activities stay listed and stop changing. */
  async stopScenarios(): Promise<number> {
    const body = (await this.post('/scenario/stop')) as { stopped: number };
    return body.stopped;
  }

  /** Closes every event stream and returns how many were open. */
  async dropStreams(): Promise<number> {
    const body = (await this.post('/streams/drop')) as { dropped: number };
    return body.dropped;
  }

  async restart(): Promise<void> {
    await this.post('/restart');
  }

  async answerXmlOnly(): Promise<void> {
    await this.post('/format', { mode: 'xml' });
  }

  async setFaults(faults: {
    unauthorized?: boolean;
    status500?: boolean;
    hang?: boolean;
    pings?: boolean;
  }) {
    await this.post('/faults', faults);
  }

  /** Writes one raw message to every open stream; `data` goes out unchanged, valid JSON or not. */
  async sendRawEvent(event: string, data: string): Promise<void> {
    await this.post('/events', { event, data });
  }

  private post(path: string, body: unknown = {}): Promise<unknown> {
    return this.send('POST', path, body);
  }

  private async send(method: string, path: string, body: unknown): Promise<unknown> {
    const response = await this.request.fetch(`${this.baseUrl}/__simulator${path}`, {
      method,
      data: body,
    });
    if (!response.ok()) {
      throw new Error(
        `simulator control ${method} ${path} answered HTTP ${response.status()}: ${await response.text()}`,
      );
    }
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
}
