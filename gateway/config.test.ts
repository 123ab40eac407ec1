import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { noAccessProtection } from './access-config.ts';
import { ConfigError, defaultTimeouts, readEnvConfig } from './config.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

describe('readEnvConfig', () => {
  test('empty environment means demo mode with defaults', () => {
    expect(readEnvConfig({})).toEqual({
      source: { kind: 'demo', simulatorCount: 1, simulatorSpeed: null },
      readOnly: false,
      host: '127.0.0.1',
      port: 8080,
      publicOrigin: null,
      distDir: path.join(repoRoot, 'dist'),
      timeouts: defaultTimeouts,
      access: noAccessProtection,
    });
  });

  test('every variable is read', () => {
    const config = readEnvConfig({
      PLEX_URL: 'https://plex.home.arpa:32400/',
      PLEX_TOKEN: ' abc-DEF_123 \n',
      READ_ONLY: '1',
      HOST: '0.0.0.0',
      PORT: '9000',
      PUBLIC_ORIGIN: 'https://plex-activity.home.arpa/',
      DIST_DIR: '/srv/dashboard',
      SIMULATOR_SPEED: '2.5',
      SIMULATOR_SERVERS: '3',
      DASHBOARD_PASSWORD: 'correct horse',
      DASHBOARD_USER: 'viewer',
      TRUSTED_AUTH_HEADER: 'Remote-User',
      TRUSTED_PROXIES: '10.0.0.1',
    });

    expect(config).toEqual({
      source: {
        kind: 'plex-url',
        servers: [
          {
            id: 'main',
            name: null,
            url: 'https://plex.home.arpa:32400',
            token: 'abc-DEF_123',
            readOnly: false,
          },
        ],
      },
      readOnly: true,
      host: '0.0.0.0',
      port: 9000,
      publicOrigin: 'https://plex-activity.home.arpa',
      distDir: '/srv/dashboard',
      timeouts: defaultTimeouts,
      access: {
        basicAuth: { user: 'viewer', password: 'correct horse' },
        trustedHeader: {
          headerName: 'Remote-User',
          proxies: [{ address: '10.0.0.1', prefixLength: null, family: 'ipv4' }],
        },
      },
    });
  });

  test.each([
    [
      { PLEX_URL: 'plex.home.arpa:32400' },
      'PLEX_URL "plex.home.arpa:32400" is invalid: it must start with http:// or https://. Set it to the server\'s address, e.g. http://plex.home.arpa:32400',
    ],
    [
      { PLEX_URL: 'not a url' },
      'PLEX_URL "not a url" is invalid: it is not a URL. Set it to the server\'s address, e.g. http://plex.home.arpa:32400',
    ],
    [
      { PLEX_URL: 'http://plex:32400/?X-Plex-Token=x' },
      'PLEX_URL "http://plex:32400/?X-Plex-Token=[redacted]" is invalid: it must not contain a path, query or fragment (put the token in PLEX_TOKEN). Set it to the server\'s address, e.g. http://plex.home.arpa:32400',
    ],
    [
      { PLEX_URL: 'http://user:pass@plex:32400' },
      'PLEX_URL "http://user:[redacted]@plex:32400" is invalid: it must not contain a user name or password. Set it to the server\'s address, e.g. http://plex.home.arpa:32400',
    ],
    [
      { PLEX_TOKEN: 'two words' },
      'PLEX_TOKEN is invalid: it may contain only visible ASCII characters',
    ],
    [{ PORT: '80a' }, 'PORT "80a" is invalid: use a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT "70000" is invalid: use a whole number from 0 to 65535'],
    [
      { READ_ONLY: 'maybe' },
      'READ_ONLY "maybe" is invalid: use 1, true or yes to turn it on, 0, false or no to turn it off',
    ],
    [
      { PUBLIC_ORIGIN: 'https://host/path' },
      'PUBLIC_ORIGIN "https://host/path" is invalid: use a scheme and host only, e.g. https://plex-activity.home.arpa',
    ],
    [{ SIMULATOR_SPEED: '0' }, 'SIMULATOR_SPEED "0" is invalid: use a positive number, e.g. 2'],
    [
      { SIMULATOR_SERVERS: '0' },
      'SIMULATOR_SERVERS "0" is invalid: use a whole number from 1 to 10, e.g. 2',
    ],
    [
      { SIMULATOR_SERVERS: '1.5' },
      'SIMULATOR_SERVERS "1.5" is invalid: use a whole number from 1 to 10, e.g. 2',
    ],
    [
      { PLEX_URL: 'http://plex.home.arpa:32400', PLEX_SERVERS_FILE: '/etc/servers.json' },
      'PLEX_SERVERS_FILE and PLEX_URL are both set: use PLEX_SERVERS_FILE for several servers or PLEX_URL for one, and unset the other',
    ],
  ])('rejects %o', (env, message) => {
    expect(() => readEnvConfig(env)).toThrow(new ConfigError(message));
  });

  test('demo reads the simulator settings', () => {
    const config = readEnvConfig({ SIMULATOR_SERVERS: '2', SIMULATOR_SPEED: '4' });

    expect(config.source).toEqual({ kind: 'demo', simulatorCount: 2, simulatorSpeed: 4 });
  });

  test('token never appears in its error', () => {
    expect(() => readEnvConfig({ PLEX_TOKEN: 'secret\tvalue' })).toThrow(/^(?!.*secret).*$/);
  });
});
