import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { JsonObject } from './json-value.ts';
import { renderXml } from './xml.ts';

export type ResponseFormat = 'json' | 'xml';

/** `auto` follows the Accept header. `xml` sends XML whatever the Accept header requests. */
export type FormatMode = 'auto' | 'xml';

export const PLEX_PROTOCOL_HEADER = { 'X-Plex-Protocol': '1.0' } as const;

/**
 * Picks the body format. PMS sends JSON only when Accept is `application/json` alone.
 * plex.tv responded with XML when the wildcard type was listed as well, so any other
 * Accept value gets XML here.
 */
export function chooseFormat(accept: string | undefined, mode: FormatMode): ResponseFormat {
  if (mode === 'xml') {
    return 'xml';
  }
  return accept?.trim().toLowerCase() === 'application/json' ? 'json' : 'xml';
}

/** Sends `{"MediaContainer": …}` as compact JSON or as XML. */
export function sendContainer(
  response: ServerResponse,
  format: ResponseFormat,
  container: JsonObject,
): void {
  if (format === 'json') {
    const body = JSON.stringify({ MediaContainer: container });
    sendBody(response, 200, 'application/json', body);
    return;
  }

  sendBody(response, 200, 'text/xml;charset=utf-8', renderXml('MediaContainer', container));
}

/**
 * Sends the HTML error page PMS uses, for example the 91-byte
 * `<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>`.
 */
export function sendHtmlError(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  const reason = STATUS_CODES[status] ?? 'Error';
  const body = `<html><head><title>${reason}</title></head><body><h1>${status} ${reason}</h1></body></html>`;
  sendBody(response, status, 'text/html', body, headers);
}

/** Sends a 200 with an empty body, as PMS does after accepting a cancel. */
export function sendEmptyOk(response: ServerResponse): void {
  response.writeHead(200, { 'Content-Length': '0', ...PLEX_PROTOCOL_HEADER });
  response.end();
}

function sendBody(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    ...PLEX_PROTOCOL_HEADER,
    ...headers,
  });
  response.end(body);
}
