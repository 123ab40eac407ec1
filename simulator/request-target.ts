import type { IncomingMessage } from 'node:http';

export interface RequestTarget {
  /** Percent-decoded path, or undefined when the path has invalid escapes. */
  path: string | undefined;
  query: URLSearchParams;
}

/**
 * Splits the request target into path and query. Parsing by hand keeps a target such as
 * `//example` a path instead of letting the URL parser read it as a host name.
 */
export function parseRequestTarget(request: IncomingMessage): RequestTarget {
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);

  return { path: decodePath(rawPath), query: new URLSearchParams(rawQuery) };
}

function decodePath(rawPath: string): string | undefined {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
}
