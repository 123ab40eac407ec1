import { findClosedPort } from './support/closed-port.ts';
import { activityRows, expect, mainServer, startTestGateway, test } from './support/test.ts';

test('malformed and hostile events leave the page working', async ({ page, plex }) => {
  const uuid = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 10,
  });
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText(/^Live/);
  const bar = page.getByRole('progressbar', { name: 'Downloading Media' });
  await expect(bar).toHaveAttribute('aria-valuenow', '10');

  const notification = (event: string, activity: Record<string, unknown>) =>
    JSON.stringify({ ActivityNotification: { event, uuid: activity.uuid, Activity: activity } });
  await plex.sendRawEvent('activity', 'this is not JSON');
  await plex.sendRawEvent('activity', '{"ActivityNotification":');
  await plex.sendRawEvent('activity', '{"Something":{"else":true}}');
  await plex.sendRawEvent('activity', '[1,2,3]');
  await plex.sendRawEvent('mystery.event', '{"x":1}');
  await plex.sendRawEvent('activity', notification('exploded', { uuid, progress: 99 }));
  await plex.sendRawEvent(
    'activity',
    JSON.stringify({ ActivityNotification: { event: 'updated', Activity: { title: 'no uuid' } } }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', {
      uuid: 'nan',
      type: 'butler',
      title: 'Progress NaN',
      progress: 'NaN',
    }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', {
      uuid: 'str',
      type: 'butler',
      title: 'Progress text',
      progress: 'lots',
    }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', { uuid: 'big', type: 'butler', title: 'Progress 150', progress: 150 }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', { uuid: 'neg', type: 'butler', title: 'Progress -7', progress: -7 }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', { uuid: 'long', type: 'butler', title: 'L'.repeat(10_000) }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', {
      uuid: 'rtl',
      type: 'butler',
      title: 'مسح المكتبة 🎬📺',
      subtitle: 'סרט לדוגמה',
    }),
  );
  await plex.sendRawEvent(
    'activity',
    notification('started', {
      uuid: 'html',
      type: 'butler',
      title: '<img src=x onerror="window.__injected=1"><b>bold</b>',
      subtitle: '<script>window.__injected=2</script>',
    }),
  );
  await plex.updateActivity(uuid, { progress: 60 });

  await expect(bar).toHaveAttribute('aria-valuenow', '60');
  await expect(page.getByRole('progressbar', { name: 'Progress NaN' })).not.toHaveAttribute(
    'aria-valuenow',
  );
  await expect(page.getByRole('progressbar', { name: 'Progress text' })).not.toHaveAttribute(
    'aria-valuenow',
  );
  await expect(page.getByRole('progressbar', { name: 'Progress 150' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expect(page.getByRole('progressbar', { name: 'Progress -7' })).not.toHaveAttribute(
    'aria-valuenow',
  );
  await expect(activityRows(page).filter({ hasText: 'مسح المكتبة 🎬📺' })).toContainText(
    'סרט לדוגמה',
  );
  const htmlRow = activityRows(page).filter({ hasText: '<b>bold</b>' });
  await expect(htmlRow).toContainText('<script>window.__injected=2</script>');
  await expect(page.locator('li img, li b, li script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  const longRow = activityRows(page).filter({ hasText: 'LLLLLLLLLL' });
  const rowBox = await longRow.boundingBox();
  expect(rowBox?.width ?? 0).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  await expect(page.getByRole('status')).toHaveText(/^Live/);
});

test('unauthorized stops retrying and recovers once the token works', async ({ page, plex }) => {
  await page.clock.install();
  await plex.startActivity({ type: 'media.download', title: 'Downloading Media', progress: 10 });
  await plex.setFaults({ unauthorized: true });

  await page.goto('/');

  const status = page.getByRole('status');
  await expect(status).toHaveText(/^Unauthorized/);
  await expect(status).toContainText('PLEX_TOKEN');
  const before = (await plex.state()).requests.length;
  await page.clock.fastForward(20_000);
  const during = (await plex.state()).requests.length;
  expect(during - before).toBeLessThanOrEqual(2);

  await plex.setFaults({ unauthorized: false });
  await page.clock.fastForward(31_000);
  await expect(status).toHaveText(/^Live/);
  await expect(activityRows(page)).toHaveCount(1);
});

test('a stalled stream is noticed and replaced', async ({ page, plex }) => {
  await page.clock.install();
  await page.goto('/');
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^Live/);
  await expect.poll(async () => (await plex.state()).streams).toBe(1);

  await plex.setFaults({ pings: false });
  await page.clock.fastForward(31_000);
  await expect(status).toHaveText(/^Reconnecting: no events for 30 s/);
  await expect(page.getByTestId('stale-notice')).toContainText('Not live');
  await expect(page.locator('.activity-groups')).toHaveAttribute('data-state', 'stale');

  await plex.setFaults({ pings: true });
  await page.clock.fastForward(2_000);
  await expect(status).toHaveText(/^Live/);
});

test('a hanging server makes requests time out with a message', async ({ page, plex }) => {
  await plex.setFaults({ hang: true });

  await page.goto('/');

  await expect(
    page.getByText(/Could not load activities: .*did not respond within 3 s/),
  ).toBeVisible({ timeout: 10_000 });
  await plex.setFaults({ hang: false });
});

test('a server that is down gets a clear message', async ({ page }) => {
  const port = await findClosedPort();
  const gateway = await startTestGateway([mainServer(`http://127.0.0.1:${port}`, 'unused')]);

  try {
    await page.goto(gateway.url);

    await expect(page.getByRole('status')).toHaveText(
      /^Reconnecting: the Plex server is unreachable/,
    );
    await expect(page.getByText(/Could not load activities: .*unreachable/)).toBeVisible();
  } finally {
    await gateway.close();
  }
});

test('cancel under faults: one DELETE for a double click, 500 keeps the row', async ({
  page,
  plex,
}) => {
  const first = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 5,
    cancellable: true,
  });
  await plex.startActivity({
    type: 'provider.subscriptions.process',
    title: 'Processing subscriptions',
    cancellable: true,
  });
  await page.goto('/');
  await expect(activityRows(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Cancel Downloading Media' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Cancel/ })
    .dblclick();
  await expect(activityRows(page).filter({ hasText: 'Downloading Media' })).toHaveCount(0);
  expect((await plex.requests('DELETE', '/activities/')).map((entry) => entry.path)).toEqual([
    `/activities/${first}`,
  ]);

  await plex.setFaults({ status500: true });
  await page.getByRole('button', { name: 'Cancel Processing subscriptions' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Cancel/ })
    .click();
  const row = activityRows(page).filter({ hasText: 'Processing subscriptions' });
  await expect(row.getByRole('alert')).toContainText('Could not cancel');
  await expect(row.getByRole('alert')).toContainText('still running');
  await expect(page.getByRole('button', { name: 'Cancel Processing subscriptions' })).toBeVisible();
  await plex.setFaults({ status500: false });
});

test('the page talks only to its own origin and sends security headers', async ({
  page,
  plex,
  baseURL,
}) => {
  await plex.startActivity({ type: 'media.download', title: 'Downloading Media', progress: 5 });
  const origins = new Set<string>();
  page.on('request', (request) => {
    origins.add(new URL(request.url()).origin);
  });

  const response = await page.goto('/');
  await expect(activityRows(page)).toHaveCount(1);
  await expect(page.getByRole('status')).toHaveText(/^Live/);

  expect([...origins]).toEqual([new URL(baseURL ?? '').origin]);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const html = await page.content();
  expect(html).not.toContain('e2e-token');
});

test('read-only mode hides cancel and the gateway refuses DELETE', async ({
  page,
  plex,
  request,
}) => {
  const uuid = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 20,
    cancellable: true,
  });
  const gateway = await startTestGateway([mainServer(plex.baseUrl)], { readOnly: true });

  try {
    await page.goto(gateway.url);
    await expect(activityRows(page)).toHaveCount(1);
    await expect(page.getByText('· read-only')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel Downloading Media' })).toHaveCount(0);

    const response = await request.delete(`${gateway.url}/plex/main/activities/${uuid}`, {
      headers: { Origin: gateway.url },
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: 'This dashboard is read-only' });
    expect(await plex.requests('DELETE', '/activities/')).toEqual([]);
  } finally {
    await gateway.close();
  }
});
