import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigError, readEnvConfig } from './config.ts';
import { readServersFile } from './servers-file.ts';

const secret = 'secret-token-value';
let dir: string;
let serversFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gateway-servers-'));
  serversFile = path.join(dir, 'servers.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readServers(document: unknown, env: NodeJS.ProcessEnv = {}) {
  await writeFile(serversFile, JSON.stringify(document));
  return readServersFile(serversFile, env);
}

async function readError(document: unknown, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    await readServers(document, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('readServersFile accepted the file');
}

describe('readServersFile', () => {
  test('valid file keeps order and fields', async () => {
    const servers = await readServers({
      servers: [
        {
          id: 'living-room',
          name: 'Living room',
          url: 'http://plex.home.arpa:32400/',
          token: ' abc ',
          readOnly: true,
        },
        { url: 'https://den.home.arpa:32400', token: '' },
      ],
    });

    expect(servers).toEqual([
      {
        id: 'living-room',
        name: 'Living room',
        url: 'http://plex.home.arpa:32400',
        token: 'abc',
        readOnly: true,
      },
      {
        id: 'server-2',
        name: null,
        url: 'https://den.home.arpa:32400',
        token: '',
        readOnly: false,
      },
    ]);
  });

  test('id is derived from the name', async () => {
    const servers = await readServers({
      servers: [
        { name: 'Grand Salon Étage 2', url: 'http://a.home.arpa:32400', token: 'a' },
        { name: '!!!', url: 'http://b.home.arpa:32400', token: 'b' },
      ],
    });

    expect(servers.map((server) => server.id)).toEqual(['grand-salon-etage-2', 'server-2']);
  });

  test('token comes from tokenFile or tokenEnv', async () => {
    await writeFile(path.join(dir, 'den.token'), `${secret}\n`);

    const servers = await readServers(
      {
        servers: [
          { id: 'den', url: 'http://den.home.arpa:32400', tokenFile: 'den.token' },
          { id: 'attic', url: 'http://attic.home.arpa:32400', tokenEnv: 'ATTIC_TOKEN' },
        ],
      },
      { ATTIC_TOKEN: 'attic-secret' },
    );

    expect(servers.map((server) => server.token)).toEqual([secret, 'attic-secret']);
  });

  const where = () => `PLEX_SERVERS_FILE "${serversFile}"`;
  const url = 'http://plex.home.arpa:32400';

  test.each([
    [
      'missing servers list',
      {},
      () =>
        `${where()} must contain a "servers" list with at least one server, e.g. { "servers": [ { "id": "living-room", "url": "http://plex.home.arpa:32400", "tokenEnv": "PLEX_TOKEN_LIVING_ROOM" } ] }`,
    ],
    ['empty servers list', { servers: [] }, () => `${where()} must contain a "servers" list`],
    [
      'entry that is not an object',
      { servers: ['http://plex.home.arpa:32400'] },
      () => `${where()}: servers[0] must be an object, e.g. { "id": "living-room"`,
    ],
    [
      'missing url',
      { servers: [{ token: 'a' }] },
      () =>
        `${where()}: servers[0].url is missing: set it to the server's address, e.g. "http://plex.home.arpa:32400"`,
    ],
    [
      'url with a path',
      { servers: [{ token: 'a', url: 'http://plex.home.arpa:32400/web' }] },
      () =>
        `${where()}: servers[0].url "http://plex.home.arpa:32400/web" is invalid: it must not contain a path, query or fragment (put the token in token, tokenFile or tokenEnv). Set it to the server's address, e.g. http://plex.home.arpa:32400`,
    ],
    [
      'missing token',
      { servers: [{ url }] },
      () =>
        `${where()}: servers[0] has no token: set one of token, tokenFile or tokenEnv, e.g. "tokenFile": "living-room.token" (an empty "token" sends none)`,
    ],
    [
      'two token fields',
      { servers: [{ url, token: 'a', tokenEnv: 'A' }] },
      () => `${where()}: servers[0] sets token and tokenEnv: keep only one of them`,
    ],
    [
      'unknown field',
      { servers: [{ url, token: 'a', tokenfile: 'x' }] },
      () =>
        `${where()}: servers[0] has the unknown field "tokenfile": use id, name, url, token, tokenFile, tokenEnv, readOnly`,
    ],
    [
      'invalid id',
      {
        servers: [
          { url, token: 'a' },
          { id: 'Den Room', url, token: 'b' },
        ],
      },
      () =>
        `${where()}: servers[1].id "Den Room" is invalid: use 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit, e.g. "living-room"`,
    ],
    [
      'reserved id',
      { servers: [{ id: 'activities', url, token: 'a' }] },
      () =>
        `${where()}: servers[0].id "activities" is invalid: "activities" is reserved for the routes of the first server, e.g. "living-room"`,
    ],
    [
      'duplicate ids',
      {
        servers: [
          { id: 'den', url, token: 'a' },
          { id: 'den', url, token: 'b' },
        ],
      },
      () =>
        `${where()}: servers[1] has the id "den", which servers[0] already has: give each server its own "id", e.g. "den-2"`,
    ],
    [
      'duplicate derived ids',
      {
        servers: [
          { name: 'Den', url, token: 'a' },
          { name: 'den', url, token: 'b' },
        ],
      },
      () =>
        `${where()}: servers[1] gets from its name the id "den", which servers[0] already has: give each server its own "id", e.g. "den-2"`,
    ],
    [
      'readOnly as a string',
      { servers: [{ url, token: 'a', readOnly: 'yes' }] },
      () => `${where()}: servers[0].readOnly is invalid: use true or false, without quotes`,
    ],
    [
      'unset tokenEnv',
      { servers: [{ url, tokenEnv: 'NOT_SET_TOKEN' }] },
      () =>
        `${where()}: servers[0].tokenEnv names NOT_SET_TOKEN, which is not set or empty: set it to the token, or use token or tokenFile`,
    ],
    [
      'missing tokenFile',
      { servers: [{ url, tokenFile: 'missing.token' }] },
      () =>
        `${where()}: servers[0].tokenFile "${path.join(dir, 'missing.token')}" could not be read (ENOENT): check the path and that the gateway's user may read the file`,
    ],
  ])('rejects %s', async (_case, document, message) => {
    expect(await readError(document)).toContain(message());
  });

  test('invalid JSON leaves the text out', async () => {
    await writeFile(serversFile, `{ "servers": [\n  { "token": ${secret} } ] }`);

    let thrown: unknown = null;
    try {
      readServersFile(serversFile, {});
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(
      /^PLEX_SERVERS_FILE ".*" is not valid JSON.*: check quotes and commas, e\.g\. /,
    );
    expect((thrown as Error).message).not.toContain(secret);
  });

  test('token never appears in an error', async () => {
    await writeFile(path.join(dir, 'bad.token'), `${secret} with spaces`);
    const messages = [
      await readError({ servers: [{ url, token: `${secret} value` }] }),
      await readError({ servers: [{ url, tokenFile: 'bad.token' }] }),
      await readError({ servers: [{ url, tokenEnv: 'BAD' }] }, { BAD: `${secret} x` }),
      await readError({
        servers: [{ url: `http://plex:32400/?X-Plex-Token=${secret}`, token: 'a' }],
      }),
      await readError({ servers: [{ url: `http://user:${secret}@plex:32400`, token: 'a' }] }),
    ];

    expect(messages[0]).toBe(
      `${where()}: servers[0].token is invalid: it may contain only visible ASCII characters`,
    );
    for (const message of messages) {
      expect(message).not.toContain(secret);
    }
  });

  test('missing file names the path', () => {
    const missing = path.join(dir, 'nope.json');

    expect(() => readServersFile(missing, {})).toThrow(
      new ConfigError(
        `PLEX_SERVERS_FILE "${missing}" could not be read (ENOENT): check the path and that the gateway's user may read the file`,
      ),
    );
  });
});

describe('readEnvConfig with PLEX_SERVERS_FILE', () => {
  test('servers come from the file', async () => {
    await writeFile(
      serversFile,
      JSON.stringify({ servers: [{ id: 'den', url: 'http://den.home.arpa:32400', token: 'a' }] }),
    );

    const config = readEnvConfig({ PLEX_SERVERS_FILE: serversFile });

    expect(config.source).toEqual({
      kind: 'servers-file',
      path: serversFile,
      servers: [
        { id: 'den', name: null, url: 'http://den.home.arpa:32400', token: 'a', readOnly: false },
      ],
    });
  });

  test('file and PLEX_URL together are rejected', () => {
    expect(() =>
      readEnvConfig({ PLEX_SERVERS_FILE: serversFile, PLEX_URL: 'http://den.home.arpa:32400' }),
    ).toThrow(/^PLEX_SERVERS_FILE and PLEX_URL are both set/);
  });
});
