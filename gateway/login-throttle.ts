const defaultOptions = {
  maxFailures: 10,
  windowMs: 60_000,
  // At an estimated 100 bytes per entry, the table stays near 1 MB.
  maxClients: 10_000,
};

/** Failed-login counter per client address, in fixed windows that start at the first failure. */
export interface LoginThrottle {
  /** Returns the milliseconds until `client` may try again, or 0 when it is not blocked. */
  getRetryAfterMs(client: string): number;
  /** Counts a failed login. Returns true for the failure that blocks `client`. */
  recordFailure(client: string): boolean;
}

interface FailureWindow {
  startedAt: number;
  failures: number;
}

/**
 * Creates a throttle that blocks a client for the rest of the window once it reaches
 * `maxFailures`. It tracks at most `maxClients` addresses and drops the oldest window when full.
 */
export function createLoginThrottle(
  options: Partial<typeof defaultOptions> = {},
  now: () => number = Date.now,
): LoginThrottle {
  const { maxFailures, windowMs, maxClients } = { ...defaultOptions, ...options };
  // Map order is insertion order, and a new window is always inserted last, so the first
  // entries are the oldest windows.
  const windows = new Map<string, FailureWindow>();

  const getOpenWindow = (client: string, time: number): FailureWindow | null => {
    const window = windows.get(client);
    return window !== undefined && time - window.startedAt < windowMs ? window : null;
  };

  const dropOldWindows = (time: number) => {
    for (const [client, window] of windows) {
      if (time - window.startedAt < windowMs && windows.size < maxClients) {
        return;
      }
      windows.delete(client);
    }
  };

  return {
    getRetryAfterMs: (client) => {
      const time = now();
      const window = getOpenWindow(client, time);

      if (window === null || window.failures < maxFailures) {
        return 0;
      }
      return window.startedAt + windowMs - time;
    },

    recordFailure: (client) => {
      const time = now();
      const window = getOpenWindow(client, time);

      if (window !== null) {
        window.failures += 1;
        return window.failures === maxFailures;
      }

      windows.delete(client);
      dropOldWindows(time);
      windows.set(client, { startedAt: time, failures: 1 });
      return maxFailures === 1;
    },
  };
}
