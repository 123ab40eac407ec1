const prefix = '[gateway]';
const maxTrackedMessages = 100;
const tokenInQueryPattern = /([?&]x-plex-token=)[^&#]*/gi;

/** Log sink for the gateway. Messages never include request headers, so no token reaches it. */
export interface GatewayLogger {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleLogger: GatewayLogger = {
  info: (message) => console.log(`${prefix} ${message}`),
  warn: (message) => console.warn(`${prefix} ${message}`),
};

export const silentLogger: GatewayLogger = {
  info: () => {},
  warn: () => {},
};

/** Replaces the value of every `X-Plex-Token` query parameter, for URLs that go into a log line. */
export function redactTokenInUrl(url: string): string {
  return url.replace(tokenInQueryPattern, '$1[redacted]');
}

/**
 * Creates a warning function that logs a message once per window and counts the repeats,
 * so a dashboard polling an unreachable server does not flood the log.
 */
export function createRepeatLimitedWarn(
  logger: GatewayLogger,
  windowMs = 60_000,
  now: () => number = Date.now,
): (message: string) => void {
  const lastLogged = new Map<string, { at: number; repeats: number }>();

  return (message) => {
    const entry = lastLogged.get(message);
    const time = now();

    if (entry !== undefined && time - entry.at < windowMs) {
      entry.repeats += 1;
      return;
    }

    const suffix =
      entry !== undefined && entry.repeats > 0 ? ` (repeated ${entry.repeats} times)` : '';
    logger.warn(`${message}${suffix}`);

    if (lastLogged.size >= maxTrackedMessages) {
      lastLogged.clear();
    }
    lastLogged.set(message, { at: time, repeats: 0 });
  };
}
