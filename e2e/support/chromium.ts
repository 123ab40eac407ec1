import { existsSync } from 'node:fs';

// Debian's Chromium where it is installed (CI installs it); Playwright's own browser otherwise.
// Nothing here downloads a browser.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The browser binary for the end-to-end tests and the benchmark, or undefined for Playwright's own. */
export const chromiumPath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;

// Without the networking flags, Chromium keeps trying to reach Google's services, which this
// closed network refuses; the sandbox needs a non-root user, and tests run as root in CI.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
