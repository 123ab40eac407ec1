import { type IncomingHttpHeaders, request } from 'node:http';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../server.ts';

export interface StreamMessage {
  event: string;
  data: string;
}

/** A raw connection to the notification stream, read byte for byte. */
export interface RawStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Everything received so far, exactly as sent. */
  readonly text: string;
  /** Complete messages received so far, split on the blank line between them. */
  messages(): StreamMessage[];
  /** Resolves with the first message that matches, or rejects after `timeoutMs`. */
  waitForMessage(
    matches: (message: StreamMessage) => boolean,
    timeoutMs?: number,
  ): Promise<StreamMessage>;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
  close(): void;
}

export const TOKEN = 'test-token';

/** Starts an idle simulator for one test file. Timelines only run when a test starts them. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ token: TOKEN, scenario: 'idle', ...options });
}

export function plexFetch(
  simulator: RunningSimulator,
  path: string,
  init: RequestInit & { accept?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('X-Plex-Token', TOKEN);
  if (init.accept !== undefined) {
    headers.set('Accept', init.accept);
  }
  return fetch(`${simulator.url}${path}`, { ...init, headers });
}

export async function control(
  simulator: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${simulator.url}/__simulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function startActivity(
  simulator: RunningSimulator,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const { status, body } = await control(simulator, 'POST', 'activities', fields);
  if (status !== 201) {
    throw new Error(`Starting an activity failed with ${status}: ${JSON.stringify(body)}`);
  }
  return (body as { uuid: string }).uuid;
}

/** Opens the notification stream with node:http so the test can read the raw bytes. */
export function openRawStream(simulator: RunningSimulator, query = ''): Promise<RawStream> {
  const url = new URL(`${simulator.url}/:/eventsource/notifications${query}`);
  url.searchParams.set('X-Plex-Token', TOKEN);

  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { Accept: 'text/event-stream' } }, (incoming) => {
      let text = '';
      const listeners = new Set<() => void>();
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        text += chunk;
        for (const listener of listeners) listener();
      });
      const closed = new Promise<void>((resolveClosed) => incoming.on('close', resolveClosed));

      const messages = () => parseMessages(text);
      resolve({
        status: incoming.statusCode ?? 0,
        headers: incoming.headers,
        get text() {
          return text;
        },
        messages,
        waitForMessage: (matches, timeoutMs = 3_000) =>
          waitForListener(listeners, () => messages().find(matches), timeoutMs),
        closed,
        close: () => outgoing.destroy(),
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Polls `check` every 10 ms until it returns a value, failing after `timeoutMs`. */
export async function waitFor<Value>(
  check: () => Value | undefined | Promise<Value | undefined>,
  timeoutMs = 3_000,
): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`);
}

export function activityNotification(message: StreamMessage) {
  const parsed = JSON.parse(message.data) as {
    ActivityNotification: { event: string; uuid: string; Activity: Record<string, unknown> };
  };
  return parsed.ActivityNotification;
}

function parseMessages(text: string): StreamMessage[] {
  const blocks = text.split('\n\n');
  blocks.pop();
  return blocks.map((block) => {
    const [eventLine = '', dataLine = ''] = block.split('\n');
    return { event: eventLine.replace(/^event: /, ''), data: dataLine.replace(/^data: /, '') };
  });
}

function waitForListener<Value>(
  listeners: Set<() => void>,
  find: () => Value | undefined,
  timeoutMs: number,
): Promise<Value> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = find();
      if (value !== undefined) {
        cleanUp();
        resolve(value);
      }
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`No matching stream message within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanUp = () => {
      clearTimeout(timer);
      listeners.delete(check);
    };
    listeners.add(check);
    check();
  });
}
