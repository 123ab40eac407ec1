import { expect, test } from 'vitest';
import { createLoginThrottle } from './login-throttle.ts';

function createClock() {
  let time = 1_000_000;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

test('tenth failure blocks for the rest of the minute', () => {
  const clock = createClock();
  const throttle = createLoginThrottle({}, clock.now);

  const blocked = Array.from({ length: 10 }, () => throttle.recordFailure('192.0.2.1'));
  clock.advance(20_000);

  expect(blocked).toEqual([...Array(9).fill(false), true]);
  expect(throttle.getRetryAfterMs('192.0.2.1')).toBe(40_000);
  expect(throttle.getRetryAfterMs('192.0.2.2')).toBe(0);
});

test('block ends with the window', () => {
  const clock = createClock();
  const throttle = createLoginThrottle({}, clock.now);
  for (let i = 0; i < 10; i += 1) {
    throttle.recordFailure('192.0.2.1');
  }

  clock.advance(60_000);

  expect(throttle.getRetryAfterMs('192.0.2.1')).toBe(0);
  expect(throttle.recordFailure('192.0.2.1')).toBe(false);
  expect(throttle.getRetryAfterMs('192.0.2.1')).toBe(0);
});

test('failures in separate windows do not add up', () => {
  const clock = createClock();
  const throttle = createLoginThrottle({}, clock.now);

  for (let i = 0; i < 9; i += 1) {
    throttle.recordFailure('192.0.2.1');
  }
  clock.advance(61_000);
  for (let i = 0; i < 9; i += 1) {
    throttle.recordFailure('192.0.2.1');
  }

  expect(throttle.getRetryAfterMs('192.0.2.1')).toBe(0);
});

test('full table drops the oldest window', () => {
  const clock = createClock();
  const throttle = createLoginThrottle({ maxFailures: 2, maxClients: 3 }, clock.now);
  throttle.recordFailure('a');
  throttle.recordFailure('a');

  for (const client of ['b', 'c', 'd']) {
    clock.advance(1_000);
    throttle.recordFailure(client);
  }

  expect(throttle.getRetryAfterMs('a')).toBe(0);
  expect(throttle.recordFailure('b')).toBe(true);
});

test('expired windows make room first', () => {
  const clock = createClock();
  const throttle = createLoginThrottle({ maxFailures: 2, maxClients: 2 }, clock.now);
  throttle.recordFailure('old');
  clock.advance(30_000);
  throttle.recordFailure('recent');
  throttle.recordFailure('recent');
  clock.advance(40_000);

  throttle.recordFailure('new');

  expect(throttle.getRetryAfterMs('recent')).toBe(20_000);
});
