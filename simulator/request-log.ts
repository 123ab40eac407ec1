export interface LoggedRequest {
  method: string;
  /** Path with its query string, where an `X-Plex-Token` parameter keeps its name but no value. */
  path: string;
  /** Arrival time in milliseconds since the Unix epoch. */
  at: number;
}

const MAX_ENTRIES = 1_000;

/** The latest Plex API requests, oldest first, so tests can check what a client sent. */
export class RequestLog {
  #entries: LoggedRequest[] = [];

  record(method: string, rawUrl: string): void {
    this.#entries.push({ method, path: redactToken(rawUrl), at: Date.now() });
    if (this.#entries.length > MAX_ENTRIES) {
      this.#entries = this.#entries.slice(-MAX_ENTRIES);
    }
  }

  entries(): LoggedRequest[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}

/** Blanks the value of every `X-Plex-Token` query parameter, whatever its letter case. */
export function redactToken(rawUrl: string): string {
  const queryStart = rawUrl.indexOf('?');
  if (queryStart === -1) {
    return rawUrl;
  }

  const parameters = rawUrl
    .slice(queryStart + 1)
    .split('&')
    .map((parameter) => {
      const name = parameter.split('=', 1)[0] ?? '';
      return safeDecode(name).toLowerCase() === 'x-plex-token' ? `${name}=` : parameter;
    });
  return `${rawUrl.slice(0, queryStart)}?${parameters.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
