import { access } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Vite puts content-hashed file names under assets/, so a changed file always gets a new URL.
const assetsCacheControl = 'public, max-age=31536000, immutable';
const notBuiltMessage = 'The dashboard is not built yet: run npm run build';
const reservedPrefixes = ['/plex', '/api', '/assets'];

/**
 * Serves the built SPA from `distDir`, with `index.html` for `/` and for unknown GET paths
 * so the page's own routes survive a reload. Unknown paths under `/plex`, `/api` and
 * `/assets`, and other methods, get a 404 JSON body instead.
 */
export async function registerStaticFiles(app: FastifyInstance, distDir: string): Promise<void> {
  const assetsDir = path.join(distDir, 'assets') + path.sep;

  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: false,
    dotfiles: 'ignore',
    // The build writes .br and .gz copies; nothing is compressed per request.
    preCompressed: true,
    cacheControl: false,
    suppressWarning: true,
    setHeaders: (reply, filePath) => {
      reply.header(
        'cache-control',
        filePath.startsWith(assetsDir) ? assetsCacheControl : 'no-cache',
      );
    },
  });

  const sendIndex = createIndexSender(distDir);

  app.get('/', sendIndex);

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?', 1)[0] ?? '';
    const isPageRoute = !reservedPrefixes.some(
      (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
    );

    if ((request.method === 'GET' || request.method === 'HEAD') && isPageRoute) {
      return sendIndex(request, reply);
    }
    return reply.code(404).send({ error: `Not found: ${request.method} ${pathname}` });
  });
}

function createIndexSender(distDir: string) {
  const indexPath = path.join(distDir, 'index.html');

  // The file is checked on every request, so a build made while the gateway runs is picked up.
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const built = await access(indexPath).then(
      () => true,
      () => false,
    );

    if (!built) {
      return reply.code(503).type('text/plain; charset=utf-8').send(notBuiltMessage);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
}
