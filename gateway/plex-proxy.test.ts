import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  describeResponses,
  type HttpResult,
  sendRequest,
  startWithSimulator,
  testToken,
} from './test-harness.ts';

type Harness = Awaited<ReturnType<typeof startWithSimulator>>;

describe('plex proxy with the simulator', () => {
  let harness: Harness;
  const seen: HttpResult[] = [];

  const call = async (path: string, options: Parameters<typeof sendRequest>[1] = {}) => {
    const result = await sendRequest(`${harness.gateway.url}${path}`, options);
    seen.push(result);
    return result;
  };
  const cancel = (uuid: string, headers: Record<string, string> = {}) =>
    call(`/plex/activities/${uuid}`, {
      method: 'DELETE',
      headers: { origin: harness.gateway.url, ...headers },
    });
  const upstreamRequests = async () =>
    (await harness.control.state()).requests.map(({ method, path }) => `${method} ${path}`);

  beforeEach(async () => {
    harness = await startWithSimulator();
    seen.length = 0;
  });

  afterEach(async () => {
    // No response of any test may carry the token, in a header or in the body.
    expect(describeResponses(seen)).not.toContain(testToken);
    await harness.close();
  });

  test('activities list is the simulator JSON', async () => {
    const uuid = await harness.control.addActivity({
      type: 'library.update.section',
      title: 'Scanning Movies',
      cancellable: true,
    });

    const result = await call('/plex/activities', { headers: { accept: 'application/json' } });

    const state = await harness.control.state();
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(result.body)).toEqual({
      MediaContainer: { size: 1, Activity: state.activities },
    });
    expect(state.activities[0]?.uuid).toBe(uuid);
  });

  test('token goes in a header, not the URL', async () => {
    const identity = await call('/plex/identity');
    const sections = await call('/plex/library/sections');
    const activities = await call('/plex/activities');

    expect(identity.status).toBe(200);
    expect(sections.status).toBe(200);
    expect(activities.status).toBe(200);
    expect(await upstreamRequests()).toEqual([
      'GET /identity',
      'GET /library/sections',
      'GET /activities',
    ]);
  });

  test('browser query parameters are dropped', async () => {
    const result = await call('/plex/activities?X-Plex-Token=browser-token&includeAll=1');

    expect(result.status).toBe(200);
    expect(await upstreamRequests()).toEqual(['GET /activities']);
  });

  test('XML Accept is forwarded, anything else becomes JSON', async () => {
    const xml = await call('/plex/library/sections', { headers: { accept: 'application/xml' } });
    const anything = await call('/plex/library/sections', { headers: { accept: '*/*' } });
    const none = await call('/plex/library/sections');

    expect(xml.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(xml.body.startsWith('<')).toBe(true);
    expect(anything.headers['content-type']).toBe('application/json');
    expect(none.headers['content-type']).toBe('application/json');
  });

  test('401 from Plex passes through with its HTML body', async () => {
    await harness.control.setFaults({ unauthorized: true });

    const result = await call('/plex/activities');

    expect(result.status).toBe(401);
    expect(result.headers['content-type']).toBe('text/html');
    expect(result.body).toBe(
      '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>',
    );
  });

  test('cancel reaches Plex exactly once', async () => {
    const uuid = await harness.control.addActivity({
      type: 'butler',
      title: 'Optimizing',
      cancellable: true,
    });

    const result = await cancel(uuid);

    expect(result.status).toBe(200);
    expect(result.body).toBe('');
    expect(await upstreamRequests()).toEqual([`DELETE /activities/${uuid}`]);
  });

  test('cancel 404 and 400 pass through with HTML bodies', async () => {
    const refusing = await harness.control.addActivity({
      type: 'butler',
      title: 'Busy',
      refuseCancel: true,
    });

    const missing = await cancel('no-such-activity');
    const refused = await cancel(refusing);

    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html');
    expect(missing.body).toBe(
      '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>',
    );
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toBe('text/html');
    expect(refused.body).toBe(
      '<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>',
    );
  });

  test('cancel without Origin or Sec-Fetch-Site is allowed', async () => {
    const uuid = await harness.control.addActivity({
      type: 'butler',
      title: 'Optimizing',
      cancellable: true,
    });

    const result = await call(`/plex/activities/${uuid}`, { method: 'DELETE' });

    expect(result.status).toBe(200);
    expect(await upstreamRequests()).toEqual([`DELETE /activities/${uuid}`]);
  });

  test('cross-origin cancel is rejected before Plex', async () => {
    const uuid = await harness.control.addActivity({
      type: 'butler',
      title: 'Optimizing',
      cancellable: true,
    });

    const otherOrigin = await cancel(uuid, { origin: 'http://evil.example' });
    const nullOrigin = await cancel(uuid, { origin: 'null' });
    const crossSite = await call(`/plex/activities/${uuid}`, {
      method: 'DELETE',
      headers: { 'sec-fetch-site': 'cross-site' },
    });

    expect(otherOrigin.status).toBe(403);
    expect(JSON.parse(otherOrigin.body)).toEqual({
      error: `Only the dashboard's own page (${harness.gateway.url}) may cancel activities, not http://evil.example`,
    });
    expect(nullOrigin.status).toBe(403);
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body)).toEqual({
      error: "Only the dashboard's own page may cancel activities, not a page on another site",
    });
    expect(await upstreamRequests()).toEqual([]);
  });

  test('invalid activity ids are rejected before Plex', async () => {
    const underscore = await cancel('abc_def');
    const tooLong = await cancel('a'.repeat(65));
    const encodedSpace = await cancel('abc%20def');

    for (const result of [underscore, tooLong, encodedSpace]) {
      expect(result.status).toBe(400);
      expect(JSON.parse(result.body)).toEqual({
        error: 'Invalid activity id: use 1 to 64 letters, digits or hyphens',
      });
    }
    expect(await upstreamRequests()).toEqual([]);
  });

  test('path tricks are rejected before Plex', async () => {
    const cases: Array<[string, string, number]> = [
      ['GET', '/plex/activities/../:/prefs', 400],
      ['GET', '/plex/activities/%2e%2e/library/sections/1/all', 400],
      ['DELETE', '/plex/activities/%2E%2E', 400],
      ['GET', '/plex/activities%2fx', 400],
      ['GET', '/plex//activities', 400],
      ['GET', '/plex/activities\\..\\', 400],
      ['GET', '/plex/:/prefs', 404],
      ['GET', '/plex/library/sections/1/all', 404],
      ['GET', '/plex/', 404],
      ['GET', '/plex', 404],
      ['GET', '/plex/activities/', 404],
    ];

    for (const [method, path, status] of cases) {
      const result = await call(path, { method, headers: { origin: harness.gateway.url } });
      expect({ method, path, status: result.status }).toEqual({ method, path, status });
      expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    expect(await upstreamRequests()).toEqual([]);
  });

  test('wrong methods get 405 with Allow', async () => {
    const post = await call('/plex/activities', { method: 'POST' });
    const head = await call('/plex/activities', { method: 'HEAD' });
    const getOne = await call('/plex/activities/abc');
    const options = await call('/plex/activities/abc', { method: 'OPTIONS' });

    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect(JSON.parse(post.body)).toEqual({
      error: 'Method POST is not allowed on /plex/activities. Use GET',
    });
    expect(head.status).toBe(405);
    expect(getOne.status).toBe(405);
    expect(getOne.headers.allow).toBe('DELETE');
    expect(options.status).toBe(405);
    expect(await upstreamRequests()).toEqual([]);
  });

  test('unknown path gets 404 JSON', async () => {
    const result = await call('/plex/:/prefs');

    expect(result.status).toBe(404);
    expect(JSON.parse(result.body)).toEqual({
      error: 'Not found: /plex/:/prefs is not one of the Plex paths this gateway forwards',
    });
  });

  test('invalid stream filters are rejected before Plex', async () => {
    const base = '/plex/:/eventsource/notifications';
    const semicolon = await call(`${base}?filters=activity;ping`);
    const empty = await call(`${base}?filters=`);
    const repeated = await call(`${base}?filters=activity&filters=ping`);

    for (const result of [semicolon, empty, repeated]) {
      expect(result.status).toBe(400);
      expect(JSON.parse(result.body)).toEqual({
        error: 'Invalid filters: use comma-separated event names, e.g. filters=activity,ping',
      });
    }
    expect(await upstreamRequests()).toEqual([]);
  });
});

describe('plex proxy settings', () => {
  let harness: Harness | null = null;

  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  test('READ_ONLY rejects every cancel', async () => {
    harness = await startWithSimulator({ readOnly: true });
    const uuid = await harness.control.addActivity({
      type: 'butler',
      title: 'Optimizing',
      cancellable: true,
    });

    const result = await sendRequest(`${harness.gateway.url}/plex/activities/${uuid}`, {
      method: 'DELETE',
      headers: { origin: harness.gateway.url },
    });

    expect(result.status).toBe(403);
    expect(JSON.parse(result.body)).toEqual({ error: 'This dashboard is read-only' });
    expect((await harness.control.state()).requests).toEqual([]);
  });

  test('PUBLIC_ORIGIN replaces the Host origin', async () => {
    harness = await startWithSimulator({ publicOrigin: 'https://plex-activity.home.arpa' });
    const uuid = await harness.control.addActivity({
      type: 'butler',
      title: 'Optimizing',
      cancellable: true,
    });
    const url = `${harness.gateway.url}/plex/activities/${uuid}`;

    const fromHost = await sendRequest(url, {
      method: 'DELETE',
      headers: { origin: harness.gateway.url },
    });
    const fromPublic = await sendRequest(url, {
      method: 'DELETE',
      headers: { origin: 'https://plex-activity.home.arpa' },
    });

    expect(fromHost.status).toBe(403);
    expect(fromPublic.status).toBe(200);
  });
});
