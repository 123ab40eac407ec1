import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../server.ts';
import { control, plexFetch, startActivity, startTestSimulator, TOKEN } from './helpers.ts';

const UNAUTHORIZED_BODY =
  '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>';
const NOT_FOUND_BODY =
  '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startTestSimulator({ serverName: 'Test Server' });
});

afterAll(async () => {
  await simulator.close();
});

describe('GET /identity', () => {
  it('answers JSON without a token', async () => {
    const response = await fetch(`${simulator.url}/identity`, {
      headers: { Accept: 'application/json' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-plex-protocol')).toBe('1.0');
    const body = (await response.json()) as { MediaContainer: Record<string, unknown> };
    expect(body.MediaContainer).toEqual({
      size: 0,
      apiVersion: '1.2.3',
      claimed: true,
      machineIdentifier: expect.stringMatching(/^[0-9a-f]{40}$/),
      version: '1.43.4.10903-e5521bd8c',
    });
  });

  it('answers XML by default', async () => {
    const response = await fetch(`${simulator.url}/identity`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<MediaContainer size="0" apiVersion="1\.2\.3" claimed="1" machineIdentifier="[0-9a-f]{40}" version="1\.43\.4\.10903-e5521bd8c">\n<\/MediaContainer>\n$/,
    );
  });

  it('answers XML when Accept also lists other types', async () => {
    const response = await fetch(`${simulator.url}/identity`, {
      headers: { Accept: 'application/json, */*' },
    });

    expect(response.headers.get('content-type')).toBe('text/xml;charset=utf-8');
  });
});

describe('token check', () => {
  it('rejects a missing token with the exact 401 page', async () => {
    const response = await fetch(`${simulator.url}/activities`);
    const bytes = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-plex-protocol')).toBe('1.0');
    expect(response.headers.get('content-length')).toBe('91');
    expect(bytes.length).toBe(91);
    expect(bytes.toString('utf8')).toBe(UNAUTHORIZED_BODY);
  });

  it('rejects a wrong token in the header or the query', async () => {
    const inHeader = await fetch(`${simulator.url}/activities`, {
      headers: { 'X-Plex-Token': 'wrong' },
    });
    const inQuery = await fetch(`${simulator.url}/activities?X-Plex-Token=wrong`);

    expect(inHeader.status).toBe(401);
    expect(await inHeader.text()).toBe(UNAUTHORIZED_BODY);
    expect(inQuery.status).toBe(401);
    expect(await inQuery.text()).toBe(UNAUTHORIZED_BODY);
  });

  it('accepts the token in the header or the query', async () => {
    const inHeader = await fetch(`${simulator.url}/activities`, {
      headers: { 'X-Plex-Token': TOKEN },
    });
    const inQuery = await fetch(`${simulator.url}/activities?X-Plex-Token=${TOKEN}`);

    expect(inHeader.status).toBe(200);
    expect(inQuery.status).toBe(200);
  });

  it('rejects an unknown path without a token before saying 404', async () => {
    const response = await fetch(`${simulator.url}/no/such/path`);

    expect(response.status).toBe(401);
  });
});

describe('GET /', () => {
  it('carries the configured friendlyName', async () => {
    const response = await plexFetch(simulator, '/', { accept: 'application/json' });
    const body = (await response.json()) as { MediaContainer: Record<string, unknown> };

    expect(body.MediaContainer.friendlyName).toBe('Test Server');
    expect(body.MediaContainer.platform).toBe('Linux');
    expect(body.MediaContainer.version).toBe('1.43.4.10903-e5521bd8c');
    expect(body.MediaContainer.machineIdentifier).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('GET /library/sections', () => {
  it('lists four sections with string keys', async () => {
    const response = await plexFetch(simulator, '/library/sections', {
      accept: 'application/json',
    });
    const body = (await response.json()) as {
      MediaContainer: { size: number; Directory: Record<string, unknown>[] };
    };

    expect(body.MediaContainer.size).toBe(4);
    const summary = body.MediaContainer.Directory.map(({ key, title, type, refreshing }) => ({
      key,
      title,
      type,
      refreshing,
    }));
    expect(summary).toEqual([
      { key: '1', title: 'Movies', type: 'movie', refreshing: false },
      { key: '2', title: 'TV Shows', type: 'show', refreshing: false },
      { key: '3', title: 'Music', type: 'artist', refreshing: false },
      { key: '4', title: 'Photos', type: 'photo', refreshing: false },
    ]);
  });

  it('marks a section refreshing while its scan runs', async () => {
    const uuid = await startActivity(simulator, {
      type: 'library.update.section',
      title: 'Scanning TV Shows',
      Context: { librarySectionID: 2 },
    });

    const response = await plexFetch(simulator, '/library/sections', {
      accept: 'application/json',
    });
    const body = (await response.json()) as {
      MediaContainer: { Directory: { key: string; refreshing: boolean }[] };
    };
    await control(simulator, 'POST', `activities/${uuid}/forget`);

    const refreshing = body.MediaContainer.Directory.filter((section) => section.refreshing);
    expect(refreshing.map((section) => section.key)).toEqual(['2']);
  });

  it('renders Location as a self-closing child in XML', async () => {
    const response = await plexFetch(simulator, '/library/sections');
    const text = await response.text();

    expect(text).toContain('<Directory allowSync="1" art="/:/resources/movie-fanart.jpg"');
    expect(text).toContain('\n<Location id="1" path="/data/movies" />\n</Directory>\n');
  });
});

describe('routing', () => {
  it('answers 404 as HTML for an unknown path', async () => {
    const response = await plexFetch(simulator, '/library/unknown');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe(NOT_FOUND_BODY);
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const response = await plexFetch(simulator, '/activities', { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.text()).toBe(
      '<html><head><title>Method Not Allowed</title></head><body><h1>405 Method Not Allowed</h1></body></html>',
    );
  });

  it('treats a target starting with // as a path', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: simulator.port,
          path: '//activities',
          headers: { 'X-Plex-Token': TOKEN },
        },
        (incoming) => {
          incoming.resume();
          resolve(incoming.statusCode);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });

    expect(status).toBe(404);
  });
});
