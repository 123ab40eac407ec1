import http, { type ClientRequest, type IncomingMessage } from 'node:http';

/** A browser-like event-stream request through the gateway, for tests. */
export interface TestEventStream {
  request: ClientRequest;
  response: IncomingMessage;
  status: number;
  text(): string;
  /** Resolves when the gateway ends the response. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `url` as an EventSource would and collects what arrives. Resolves on the headers. */
export function openTestEventStream(url: string): Promise<TestEventStream> {
  const { hostname, port, origin } = new URL(url);

  return new Promise((resolve, reject) => {
    const request = http.get({
      hostname,
      port,
      path: url.slice(origin.length),
      headers: { accept: 'text/event-stream' },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      const ended = new Promise<void>((resolveEnd) => {
        response.on('end', resolveEnd);
        response.on('close', resolveEnd);
      });
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      response.on('error', () => {});
      resolve({
        request,
        response,
        status: response.statusCode ?? 0,
        text: () => text,
        ended,
        close: () => request.destroy(),
      });
    });
  });
}
