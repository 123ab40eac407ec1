/**
 * Creates a function that counts repeated problems and logs the count at most once per
 * `windowMs`. The first problem is logged at once. Later ones are counted and logged with the
 * first problem after the window, so a count can wait until another problem comes.
 */
export function createCountingWarn(
  warn: (message: string) => void,
  formatMessage: (count: number) => string,
  windowMs: number,
  now: () => number = () => Date.now(),
): (count: number) => void {
  let pending = 0;
  let loggedAt: number | null = null;

  return (count) => {
    pending += count;
    const time = now();
    if (loggedAt !== null && time - loggedAt < windowMs) {
      return;
    }

    warn(formatMessage(pending));
    pending = 0;
    loggedAt = time;
  };
}
