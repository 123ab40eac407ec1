import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerTarget } from './config.ts';
import { ConfigError } from './config-error.ts';
import { parsePlexUrl } from './plex-target.ts';
import { findServerIdProblem, slugifyServerName } from './server-id.ts';
import { readServerToken } from './server-token.ts';

const entryExample =
  '{ "id": "living-room", "url": "http://plex.home.arpa:32400", "tokenEnv": "PLEX_TOKEN_LIVING_ROOM" }';
const fileExample = `{ "servers": [ ${entryExample} ] }`;
const knownFields = new Set(['id', 'name', 'url', 'token', 'tokenFile', 'tokenEnv', 'readOnly']);
const maxNameLength = 100;
const controlCharacterPattern = /\p{Cc}/u;

/** Context for parsing one entry: its label in messages, the file's folder and the environment. */
export interface EntryContext {
  /** `PLEX_SERVERS_FILE "<path>": servers[<index>]`, the start of every message about the entry. */
  where: string;
  /** Folder of the servers file, for relative `tokenFile` paths. */
  directory: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Reads the servers of `PLEX_SERVERS_FILE` in file order. Throws `ConfigError` naming the entry
 * index, the field and an example of a valid value. No message contains a token.
 */
export function readServersFile(filePath: string, env: NodeJS.ProcessEnv): ServerTarget[] {
  const where = `PLEX_SERVERS_FILE "${filePath}"`;
  const entries = findEntries(parseJson(readText(filePath, where), where), where);
  const directory = path.dirname(path.resolve(filePath));

  const servers = entries.map((entry, index) =>
    parseEntry(entry, index, { where: `${where}: servers[${index}]`, directory, env }),
  );
  rejectRepeatedIds(servers, entries, where);

  return servers;
}

function readText(filePath: string, where: string): string {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
    throw new ConfigError(
      `${where} could not be read (${typeof code === 'string' ? code : 'unknown error'}): check the path and that the gateway's user may read the file`,
    );
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message can quote the text around the error, which may contain a token, so only the
    // position is taken from it.
    const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const location = position === undefined ? '' : ` ${describePosition(text, Number(position))}`;
    throw new ConfigError(
      `${where} is not valid JSON${location}: check quotes and commas, e.g. ${fileExample}`,
    );
  }
}

function findEntries(document: unknown, where: string): unknown[] {
  const servers = isRecord(document) ? document.servers : undefined;

  if (!Array.isArray(servers) || servers.length === 0) {
    throw new ConfigError(
      `${where} must contain a "servers" list with at least one server, e.g. ${fileExample}`,
    );
  }

  return servers;
}

function parseEntry(entry: unknown, index: number, context: EntryContext): ServerTarget {
  const { where } = context;
  if (!isRecord(entry)) {
    throw new ConfigError(`${where} must be an object, e.g. ${entryExample}`);
  }

  const unknownField = Object.keys(entry).find((field) => !knownFields.has(field));
  if (unknownField !== undefined) {
    throw new ConfigError(
      `${where} has the unknown field "${unknownField}": use ${[...knownFields].join(', ')}`,
    );
  }

  const name = parseName(entry.name, where);
  const url = parseUrl(entry.url, where);
  const token = readServerToken(entry, context);
  const readOnly = parseReadOnly(entry.readOnly, where);
  const id = parseId(entry.id, where) ?? deriveId(name, index, where);

  return { id, name, url, token, readOnly };
}

function parseId(value: unknown, where: string): string | null {
  if (value === undefined) {
    return null;
  }

  const problem = typeof value === 'string' ? findServerIdProblem(value) : 'it is not a string';
  if (problem !== null) {
    const quotedId = typeof value === 'string' ? ` "${value}"` : '';
    throw new ConfigError(`${where}.id${quotedId} is invalid: ${problem}, e.g. "living-room"`);
  }

  return value as string;
}

function deriveId(name: string | null, index: number, where: string): string {
  const id = (name === null ? null : slugifyServerName(name)) ?? `server-${index + 1}`;
  const problem = findServerIdProblem(id);

  if (problem !== null) {
    throw new ConfigError(
      `${where} gets the id "${id}" from its name, which is invalid: ${problem}. Set "id", e.g. "${id.slice(0, 29)}-2"`,
    );
  }

  return id;
}

function parseName(value: unknown, where: string): string | null {
  if (value === undefined || value === null) {
    return null;
  }

  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '' || name.length > maxNameLength || controlCharacterPattern.test(name)) {
    throw new ConfigError(
      `${where}.name is invalid: use 1 to ${maxNameLength} characters without line breaks or tabs, e.g. "Living room", or leave it out to show Plex's own server name`,
    );
  }

  return name;
}

function parseUrl(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(
      `${where}.url is missing: set it to the server's address, e.g. "http://plex.home.arpa:32400"`,
    );
  }

  return parsePlexUrl(value.trim(), {
    url: `${where}.url`,
    token: 'token, tokenFile or tokenEnv',
  });
}

function parseReadOnly(value: unknown, where: string): boolean {
  if (value === undefined) {
    return false;
  }
  if (typeof value !== 'boolean') {
    throw new ConfigError(`${where}.readOnly is invalid: use true or false, without quotes`);
  }
  return value;
}

function rejectRepeatedIds(servers: ServerTarget[], entries: unknown[], where: string): void {
  const firstIndexById = new Map<string, number>();

  servers.forEach((server, index) => {
    const earlier = firstIndexById.get(server.id);
    if (earlier === undefined) {
      firstIndexById.set(server.id, index);
      return;
    }

    const source = describeIdSource(entries[index]);
    throw new ConfigError(
      `${where}: servers[${index}] ${source} the id "${server.id}", which servers[${earlier}] already has: give each server its own "id", e.g. "${server.id.slice(0, 29)}-${index + 1}"`,
    );
  });
}

function describeIdSource(entry: unknown): string {
  if (isRecord(entry) && entry.id !== undefined) {
    return 'has';
  }
  return isRecord(entry) && typeof entry.name === 'string' ? 'gets from its name' : 'gets';
}

function describePosition(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `(line ${before.length}, column ${column})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
