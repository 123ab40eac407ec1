/** An invalid environment setting. The message names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
