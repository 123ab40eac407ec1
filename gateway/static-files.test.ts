import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type RunningGateway, startGateway } from './server.ts';
import { findClosedPort, sendRequest, testConfig } from './test-harness.ts';

const indexHtml = '<!doctype html><title>Plex Activity Monitor</title><div id="root"></div>\n';
const assetJs = 'console.log("dashboard");\n';

let distDir: string;
let gateway: RunningGateway | null = null;

beforeEach(async () => {
  distDir = await mkdtemp(path.join(os.tmpdir(), 'gateway-dist-'));
  await mkdir(path.join(distDir, 'assets'));
  await writeFile(path.join(distDir, 'index.html'), indexHtml);
  await writeFile(path.join(distDir, 'assets', 'index-abc123.js'), assetJs);
  await writeFile(path.join(distDir, '.env'), 'SECRET=1\n');
});

afterEach(async () => {
  await gateway?.close();
  gateway = null;
  await rm(distDir, { recursive: true, force: true });
});

async function start(dir = distDir): Promise<RunningGateway> {
  // Plex is never contacted by these requests, so a closed port is enough.
  gateway = await startGateway(
    testConfig(`http://127.0.0.1:${await findClosedPort()}`, { distDir: dir }),
  );
  return gateway;
}

test('root serves index.html without caching', async () => {
  const { url } = await start();

  const result = await sendRequest(`${url}/`);

  expect(result.status).toBe(200);
  expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(result.headers['cache-control']).toBe('no-cache');
  expect(result.body).toBe(indexHtml);
});

test('hashed assets are cached for a year', async () => {
  const { url } = await start();

  const result = await sendRequest(`${url}/assets/index-abc123.js`);

  expect(result.status).toBe(200);
  expect(result.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(result.headers['content-encoding']).toBeUndefined();
  expect(result.body).toBe(assetJs);
});

test('precompressed copies are sent to clients that accept them', async () => {
  const assetPath = path.join(distDir, 'assets', 'index-abc123.js');
  await writeFile(`${assetPath}.br`, brotliCompressSync(assetJs));
  await writeFile(`${assetPath}.gz`, gzipSync(assetJs));
  const { url } = await start();

  const brotli = await sendRequest(`${url}/assets/index-abc123.js`, {
    headers: { 'accept-encoding': 'gzip, br' },
  });
  const gzip = await sendRequest(`${url}/assets/index-abc123.js`, {
    headers: { 'accept-encoding': 'gzip' },
  });
  const plain = await sendRequest(`${url}/assets/index-abc123.js`);

  expect(brotli.headers['content-encoding']).toBe('br');
  expect(brotli.headers['content-type']).toContain('javascript');
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body).toBe(assetJs);
  expect(brotli.headers.vary).toContain('accept-encoding');
});

test('unknown page paths fall back to index.html', async () => {
  const { url } = await start();

  const nested = await sendRequest(`${url}/activities/history`);
  const withQuery = await sendRequest(`${url}/settings?tab=display`);

  for (const result of [nested, withQuery]) {
    expect(result.status).toBe(200);
    expect(result.headers['cache-control']).toBe('no-cache');
    expect(result.body).toBe(indexHtml);
  }
});

test('reserved prefixes get 404 JSON, not the page', async () => {
  const { url } = await start();

  const asset = await sendRequest(`${url}/assets/missing.js`);
  const api = await sendRequest(`${url}/api/other`);
  const post = await sendRequest(`${url}/somewhere`, { method: 'POST' });

  expect(asset.status).toBe(404);
  expect(JSON.parse(asset.body)).toEqual({ error: 'Not found: GET /assets/missing.js' });
  expect(api.status).toBe(404);
  expect(JSON.parse(api.body)).toEqual({ error: 'Not found: GET /api/other' });
  expect(post.status).toBe(404);
});

test('dotfiles are not served', async () => {
  const { url } = await start();

  const result = await sendRequest(`${url}/.env`);

  // An ignored dotfile counts as an unknown page path, so the page comes back instead.
  expect(result.body).toBe(indexHtml);
});

test('missing build gives 503 with the fix', async () => {
  const emptyDir = path.join(distDir, 'empty');
  await mkdir(emptyDir);
  const { url } = await start(emptyDir);

  const root = await sendRequest(`${url}/`);
  const page = await sendRequest(`${url}/activities`);

  for (const result of [root, page]) {
    expect(result.status).toBe(503);
    expect(result.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(result.body).toBe('The dashboard is not built yet: run npm run build');
  }
});

test('build made while running is picked up', async () => {
  const laterDir = path.join(distDir, 'later');
  const { url } = await start(laterDir);
  const before = await sendRequest(`${url}/`);

  await mkdir(laterDir);
  await writeFile(path.join(laterDir, 'index.html'), indexHtml);
  const after = await sendRequest(`${url}/`);

  expect(before.status).toBe(503);
  expect(after.status).toBe(200);
  expect(after.body).toBe(indexHtml);
});

test('every kind of response has security headers', async () => {
  const { url } = await start();

  const results = [
    await sendRequest(`${url}/`),
    await sendRequest(`${url}/assets/index-abc123.js`),
    await sendRequest(`${url}/assets/missing.js`),
    await sendRequest(`${url}/api/server`),
    await sendRequest(`${url}/plex/activities`),
    await sendRequest(`${url}/plex/activities/../x`),
  ];

  for (const result of results) {
    expect(result.headers['x-content-type-options']).toBe('nosniff');
    expect(result.headers['referrer-policy']).toBe('no-referrer');
    expect(result.headers['x-frame-options']).toBe('DENY');
    expect(result.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  }
});
