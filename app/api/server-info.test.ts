import { describe, expect, it } from 'vitest';
import { getServerName, readServerList } from './server-info';

const office = {
  id: 'office',
  name: 'Office NAS',
  version: '1.43.4.10903',
  demo: false,
  readOnly: true,
  reachable: true,
};

describe('readServerList', () => {
  it('keeps known fields in order', () => {
    const body = {
      servers: [
        { ...office, extra: 'ignored' },
        { ...office, id: 'main', name: null },
      ],
    };

    expect(readServerList(body)).toEqual([office, { ...office, id: 'main', name: null }]);
  });

  it.each([
    ['no servers list', { server: [] }, /missing the servers list/],
    ['an entry that is not an object', { servers: ['office'] }, /invalid entry in server 0/],
    ['an empty id', { servers: [{ ...office, id: '' }] }, /invalid id in server 0/],
    ['a numeric name', { servers: [office, { ...office, name: 7 }] }, /invalid name in server 1/],
    ['a missing flag', { servers: [{ ...office, reachable: undefined }] }, /invalid reachable/],
    ['a flag as a string', { servers: [{ ...office, readOnly: 'true' }] }, /invalid readOnly/],
  ])('rejects %s', (_name, body, message) => {
    expect(() => readServerList(body)).toThrow(message);
  });

  it('names a server', () => {
    expect(getServerName(office)).toBe('Office NAS');
    expect(getServerName({ ...office, name: null })).toBe('office');
  });
});
