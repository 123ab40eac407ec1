import { expect, test } from 'vitest';
import {
  createTrustedProxyCheck,
  normalizeRemoteAddress,
  parseProxyAddressRange,
} from './trusted-proxies.ts';

const ranges = ['127.0.0.1', '::1', '172.18.0.0/16', 'fd00::/8'].map((entry) => {
  const range = parseProxyAddressRange(entry);
  if (range === null) {
    throw new Error(`Test range ${entry} is invalid`);
  }
  return range;
});
const isTrustedProxy = createTrustedProxyCheck(ranges);

test.each([
  ['127.0.0.1', true],
  ['::ffff:127.0.0.1', true],
  ['::1', true],
  ['0:0:0:0:0:0:0:1', true],
  ['172.18.4.5', true],
  ['172.19.0.1', false],
  ['fd12:3456::1', true],
  ['fe80::1', false],
  ['127.0.0.2', false],
  ['', false],
  ['localhost', false],
])('proxy check of %j is %s', (address, trusted) => {
  expect(isTrustedProxy(normalizeRemoteAddress(address))).toBe(trusted);
});

test.each([
  ['::ffff:192.0.2.1', '192.0.2.1'],
  ['::FFFF:192.0.2.1', '192.0.2.1'],
  ['::ffff:c000:201', '::ffff:c000:201'],
  ['2001:db8::1', '2001:db8::1'],
  [undefined, ''],
])('remote address %j is written as %j', (address, normalized) => {
  expect(normalizeRemoteAddress(address)).toBe(normalized);
});

test.each(['proxy.lan', '10.0.0.1/', '10.0.0.1/8/8', '10.0.0.0/-1', '::1/129', '10.0.0.0/0x8'])(
  'range %j is invalid',
  (entry) => {
    expect(parseProxyAddressRange(entry)).toBeNull();
  },
);
