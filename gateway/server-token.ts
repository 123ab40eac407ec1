import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.ts';
import { parsePlexToken } from './plex-target.ts';
import type { EntryContext } from './servers-file.ts';

const tokenFields = ['token', 'tokenFile', 'tokenEnv'] as const;
const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads the token of one servers-file entry from exactly one of its fields. `token` is the value
 * itself, and an empty string sends no token. `tokenFile` is a file that contains it, relative to
 * the servers file, and `tokenEnv` names an environment variable. Messages never contain the token.
 */
export function readServerToken(entry: Record<string, unknown>, context: EntryContext): string {
  const { where } = context;
  const present = tokenFields.filter((field) => entry[field] !== undefined);

  if (present.length === 0) {
    throw new ConfigError(
      `${where} has no token: set one of token, tokenFile or tokenEnv, e.g. "tokenFile": "living-room.token" (an empty "token" sends none)`,
    );
  }
  if (present.length > 1) {
    throw new ConfigError(`${where} sets ${present.join(' and ')}: keep only one of them`);
  }

  if (entry.token !== undefined) {
    if (typeof entry.token !== 'string') {
      throw new ConfigError(`${where}.token is invalid: it must be a string in double quotes`);
    }
    return parsePlexToken(entry.token, `${where}.token`);
  }
  if (entry.tokenFile !== undefined) {
    return readTokenFile(entry.tokenFile, context);
  }
  return readTokenEnv(entry.tokenEnv, context);
}

function readTokenFile(value: unknown, { where, directory }: EntryContext): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(
      `${where}.tokenFile is invalid: use the path of a file that contains the token, e.g. "/etc/plex-activity-monitor/living-room.token"`,
    );
  }

  const filePath = path.resolve(directory, value.trim());
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
    throw new ConfigError(
      `${where}.tokenFile "${filePath}" could not be read (${typeof code === 'string' ? code : 'unknown error'}): check the path and that the gateway's user may read the file`,
    );
  }

  const token = parsePlexToken(text, `The token in ${where}.tokenFile "${filePath}"`);
  if (token === '') {
    throw new ConfigError(`${where}.tokenFile "${filePath}" is empty: put the token in it`);
  }
  return token;
}

function readTokenEnv(value: unknown, { where, env }: EntryContext): string {
  if (typeof value !== 'string' || !envNamePattern.test(value)) {
    throw new ConfigError(
      `${where}.tokenEnv is invalid: use the name of an environment variable, e.g. "PLEX_TOKEN_LIVING_ROOM"`,
    );
  }

  const token = parsePlexToken(env[value] ?? '', `The token in ${where}.tokenEnv ${value}`);
  if (token === '') {
    throw new ConfigError(
      `${where}.tokenEnv names ${value}, which is not set or empty: set it to the token, or use token or tokenFile`,
    );
  }
  return token;
}
