import { describe, expect, test } from 'vitest';
import {
  describeAccessProtection,
  getProtectionMode,
  noAccessProtection,
  readAccessConfig,
} from './access-config.ts';
import { ConfigError } from './config-error.ts';

const loopbackProxies = [
  { address: '127.0.0.1', prefixLength: null, family: 'ipv4' },
  { address: '::1', prefixLength: null, family: 'ipv6' },
];

describe('readAccessConfig', () => {
  test('no variables means no protection', () => {
    expect(readAccessConfig({ DASHBOARD_PASSWORD: ' ', TRUSTED_AUTH_HEADER: '' })).toEqual(
      noAccessProtection,
    );
  });

  test('password alone uses the user admin', () => {
    expect(readAccessConfig({ DASHBOARD_PASSWORD: ' pässwört \n' })).toEqual({
      basicAuth: { user: 'admin', password: 'pässwört' },
      trustedHeader: null,
    });
  });

  test('header alone trusts loopback proxies', () => {
    expect(readAccessConfig({ TRUSTED_AUTH_HEADER: 'Remote-User' })).toEqual({
      basicAuth: null,
      trustedHeader: { headerName: 'Remote-User', proxies: loopbackProxies },
    });
  });

  test('proxy list takes addresses and subnets', () => {
    const access = readAccessConfig({
      TRUSTED_AUTH_HEADER: 'X-Forwarded-User',
      TRUSTED_PROXIES: ' 172.18.0.0/16, fd00::/8 ,10.0.0.1,',
    });

    expect(access.trustedHeader?.proxies).toEqual([
      { address: '172.18.0.0', prefixLength: 16, family: 'ipv4' },
      { address: 'fd00::', prefixLength: 8, family: 'ipv6' },
      { address: '10.0.0.1', prefixLength: null, family: 'ipv4' },
    ]);
  });

  test.each([
    [
      { DASHBOARD_USER: 'viewer' },
      "DASHBOARD_USER is set but DASHBOARD_PASSWORD is not: set DASHBOARD_PASSWORD, e.g. DASHBOARD_PASSWORD='four random words', or unset DASHBOARD_USER",
    ],
    [
      { DASHBOARD_PASSWORD: 'secret', DASHBOARD_USER: 'a:b' },
      'DASHBOARD_USER "a:b" is invalid: it must not contain a colon or control characters, e.g. admin',
    ],
    [
      { DASHBOARD_PASSWORD: 'two\tparts' },
      'DASHBOARD_PASSWORD is invalid: it must not contain control characters such as a tab or line break',
    ],
    [
      { TRUSTED_PROXIES: '10.0.0.1' },
      'TRUSTED_PROXIES is set but TRUSTED_AUTH_HEADER is not: set TRUSTED_AUTH_HEADER to the header your proxy sets after login, e.g. Remote-User, or unset TRUSTED_PROXIES',
    ],
    [
      { TRUSTED_AUTH_HEADER: 'Remote User' },
      'TRUSTED_AUTH_HEADER "Remote User" is invalid: use a header name, e.g. Remote-User',
    ],
    [
      { TRUSTED_AUTH_HEADER: 'Cookie' },
      'TRUSTED_AUTH_HEADER "Cookie" is invalid: browsers send it by themselves. Use the header your proxy sets after login, e.g. Remote-User',
    ],
    [
      { TRUSTED_AUTH_HEADER: 'Remote-User', TRUSTED_PROXIES: 'proxy.home.arpa' },
      'TRUSTED_PROXIES entry "proxy.home.arpa" is invalid: use IP addresses or subnets, e.g. 127.0.0.1,::1 or 172.18.0.0/16',
    ],
    [
      { TRUSTED_AUTH_HEADER: 'Remote-User', TRUSTED_PROXIES: '10.0.0.0/33' },
      'TRUSTED_PROXIES entry "10.0.0.0/33" is invalid: use IP addresses or subnets, e.g. 127.0.0.1,::1 or 172.18.0.0/16',
    ],
    [
      { TRUSTED_AUTH_HEADER: 'Remote-User', TRUSTED_PROXIES: '0.0.0.0/0' },
      'TRUSTED_PROXIES entry "0.0.0.0/0" is invalid: it trusts every address. List only your proxy, e.g. 127.0.0.1,::1 or 172.18.0.0/16',
    ],
    [
      { TRUSTED_AUTH_HEADER: 'Remote-User', TRUSTED_PROXIES: ',' },
      'TRUSTED_PROXIES "," is invalid: it lists no address, e.g. 127.0.0.1,::1 or 172.18.0.0/16',
    ],
  ])('rejects %o', (env, message) => {
    expect(() => readAccessConfig(env)).toThrow(new ConfigError(message));
  });

  test('password never appears in its error', () => {
    expect(() => readAccessConfig({ DASHBOARD_PASSWORD: 'hunter\u00072' })).toThrow(
      /^(?!.*hunter).*$/,
    );
  });
});

describe('protection summary', () => {
  test.each([
    [{}, 'none'],
    [{ DASHBOARD_PASSWORD: 'secret' }, 'password'],
    [{ TRUSTED_AUTH_HEADER: 'Remote-User' }, 'proxy-header'],
    [{ DASHBOARD_PASSWORD: 'secret', TRUSTED_AUTH_HEADER: 'Remote-User' }, 'password+proxy-header'],
  ])('mode of %o is %s', (env, mode) => {
    expect(getProtectionMode(readAccessConfig(env))).toBe(mode);
  });

  test('start log names the checks, not the password', () => {
    const access = readAccessConfig({
      DASHBOARD_PASSWORD: 'secret-words',
      DASHBOARD_USER: 'viewer',
      TRUSTED_AUTH_HEADER: 'Remote-User',
      TRUSTED_PROXIES: '10.0.0.1,172.18.0.0/16',
    });

    expect(describeAccessProtection(access)).toBe(
      'Access protection: password (HTTP Basic authentication, user "viewer") and the Remote-User header from a trusted proxy (10.0.0.1, 172.18.0.0/16)',
    );
  });

  test('start log says when nothing is protected', () => {
    expect(describeAccessProtection(noAccessProtection)).toBe(
      'Access protection: none. Anyone who can reach this address can use the dashboard. Set DASHBOARD_PASSWORD or TRUSTED_AUTH_HEADER to require a login',
    );
  });
});
