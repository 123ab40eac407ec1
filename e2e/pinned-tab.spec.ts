import { activityRows, expect, test } from './support/test.ts';

test('tab title and favicon follow the work and the connection', async ({ page, plex }) => {
  const first = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 20,
  });
  const second = await plex.startActivity({
    type: 'media.generate.bif',
    title: 'Generating thumbnails',
    progress: 40,
  });

  await page.goto('/');

  await expect(page).toHaveTitle('(2) 30 % · Plex Activity Monitor');
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', /^data:image\/svg\+xml,/);
  const busyIcon = await icon.getAttribute('href');

  await plex.updateActivity(first, { progress: 60 });
  await expect(page).toHaveTitle('(2) 50 % · Plex Activity Monitor');
  expect(await icon.getAttribute('href')).not.toBe(busyIcon);

  await plex.setFaults({ unauthorized: true });
  await plex.dropStreams();
  await expect(page).toHaveTitle(/^⚠ Unauthorized · /);
  expect(decodeURIComponent((await icon.getAttribute('href')) ?? '')).toContain('#dc2626');

  await plex.setFaults({ unauthorized: false });
  await page.reload();
  await plex.endActivity(first, 100);
  await plex.endActivity(second, 100);
  await expect(page).toHaveTitle('Plex Activity Monitor');
});

test('title keeps updating while the tab is hidden', async ({ page, plex }) => {
  await page.addInitScript(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  });
  const uuid = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 10,
  });

  await page.goto('/');
  await expect(page).toHaveTitle('(1) 10 % · Plex Activity Monitor');

  for (const progress of [25, 40, 75]) {
    await plex.updateActivity(uuid, { progress });
    await expect(page).toHaveTitle(`(1) ${progress} % · Plex Activity Monitor`);
  }
});

test('history keeps ended activities across reloads', async ({ page, plex }) => {
  await page.goto('/');
  const history = page.getByRole('list', { name: 'Recently finished' });
  await expect(page.getByText('Nothing has finished while this page was open.')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/^Live/);

  const download = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 10,
  });
  await plex.updateActivity(download, { progress: 55 });
  await plex.endActivity(download, 55);
  const scan = await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    progress: 0,
  });
  await plex.updateActivity(scan, { progress: 50 });
  await plex.endActivity(scan, 100);

  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Scanning Movies');
  await expect(history.getByRole('listitem').first()).not.toContainText('Ended early');
  await expect(history.getByRole('listitem').nth(1)).toContainText('Ended early at 55 %');
  await expect(activityRows(page)).toHaveCount(0);

  await page.reload();
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').nth(1)).toContainText('Downloading Media');

  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(history).toHaveCount(0);
});

test('estimates time left once progress is steady, and flags a stall', async ({ page, plex }) => {
  await page.clock.install();
  const uuid = await plex.startActivity({
    type: 'media.generate.bif',
    title: 'Generating thumbnails',
    progress: 10,
  });
  await page.goto('/');
  const row = activityRows(page).filter({ hasText: 'Generating thumbnails' });
  await expect(row).toBeVisible();

  for (let step = 1; step <= 6; step += 1) {
    await page.clock.fastForward(5_000);
    await plex.updateActivity(uuid, { progress: 10 + step * 5 });
    await expect(page.getByRole('progressbar', { name: 'Generating thumbnails' })).toHaveAttribute(
      'aria-valuenow',
      String(10 + step * 5),
    );
  }

  // 5 % every 5 s is 60 % a minute; 60 % remain, so about a minute is left.
  await expect(row.getByTestId('estimate')).toHaveText(
    /^About (\d+ s|1 min) left · (5\d|6\d) % per min$/,
  );

  await page.clock.fastForward(3 * 60_000);
  await expect(row).toContainText('No progress for 3 min');
  await expect(row.getByTestId('estimate')).toHaveCount(0);
});

test('grouping, the type filter and the noise setting are remembered', async ({ page, plex }) => {
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    progress: 10,
    Context: { librarySectionID: '1' },
  });
  await plex.startActivity({ type: 'media.download', title: 'Downloading Media', progress: 20 });
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning TV Shows',
    progress: 30,
    Context: { librarySectionID: 2 },
  });
  await plex.startActivity({
    type: 'library.refresh.items',
    title: 'Refreshing',
    progress: 0,
    Context: { key: '/library/metadata/9', refreshed: false },
  });
  await page.goto('/');

  await expect(activityRows(page)).toHaveCount(3);
  await expect(page.getByText('1 hidden')).toBeVisible();

  await page.getByLabel('Group by').selectOption('library');
  await expect(page.getByRole('region', { name: 'Movies' }).getByRole('listitem')).toHaveText([
    /Scanning Movies/,
  ]);
  await expect(page.getByRole('region', { name: 'TV Shows' }).getByRole('listitem')).toHaveText([
    /Scanning TV Shows/,
  ]);
  await expect(
    page.getByRole('region', { name: 'Not tied to a library' }).getByRole('listitem'),
  ).toHaveText([/Downloading Media/]);

  await page.getByLabel('Hide refreshes caused by browsing').uncheck();
  await expect(
    page.getByRole('region', { name: 'Not tied to a library' }).getByRole('listitem'),
  ).toHaveCount(2);

  await page.getByLabel('Type', { exact: true }).selectOption('library.update.section');
  await expect(page.getByRole('heading', { name: /^(Movies|TV Shows|Not tied)/ })).toHaveCount(2);
  await expect(page.getByText('2 of other types')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Group by')).toHaveValue('library');
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue('library.update.section');
  await expect(page.getByLabel('Hide refreshes caused by browsing')).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Movies' }).getByRole('listitem')).toHaveCount(1);
});

test('notifications: opt-in, long work, lost connection', async ({ page, plex }) => {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    let permission: NotificationPermission = 'default';
    // Headless Chromium cannot show system notifications, so the page gets one that records them.
    class RecordingNotification {
      static get permission() {
        return permission;
      }
      static async requestPermission() {
        permission = 'granted';
        (window as unknown as { permissionRequests: number }).permissionRequests += 1;
        return permission;
      }
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    Object.assign(window, { shownNotifications: shown, permissionRequests: 0 });
    Object.defineProperty(window, 'Notification', {
      configurable: true,
      value: RecordingNotification,
    });
  });
  await page.clock.install();
  const shown = () =>
    page.evaluate(() =>
      (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications.map(
        (entry) => entry.title,
      ),
    );

  const long = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 10,
  });
  await page.goto('/');
  await expect(activityRows(page)).toHaveCount(1);
  expect(
    await page.evaluate(
      () => (window as unknown as { permissionRequests: number }).permissionRequests,
    ),
  ).toBe(0);

  await expect(page.getByRole('status')).toHaveText(/^Live/);
  await page.getByLabel('Notify me when long work ends or the connection is lost').check();
  expect(
    await page.evaluate(
      () => (window as unknown as { permissionRequests: number }).permissionRequests,
    ),
  ).toBe(1);

  const short = await plex.startActivity({ type: 'butler', title: 'Quick task', progress: 10 });
  await expect(activityRows(page)).toHaveCount(2);
  await plex.endActivity(short, 100);
  await expect(activityRows(page)).toHaveCount(1);
  await page.clock.fastForward(61_000);
  await plex.updateActivity(long, { progress: 40 });
  await plex.endActivity(long, 40);
  await expect.poll(shown).toEqual(['Ended early: Downloading Media']);

  await plex.setFaults({ unauthorized: true });
  await plex.dropStreams();
  await expect(page.getByRole('status')).toHaveText(/^Unauthorized/);
  await page.clock.fastForward(61_000);
  await expect
    .poll(shown)
    .toEqual(['Ended early: Downloading Media', 'Lost the connection to Plex Simulator']);
  await plex.setFaults({ unauthorized: false });
});

test('a polite live region announces starts and ends, not progress', async ({ page, plex }) => {
  await page.goto('/');
  const announcer = page.getByTestId('announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByRole('status')).toHaveText(/^Live/);

  const uuid = await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    progress: 0,
  });
  await expect(announcer).toHaveText('Started: Scanning Movies');
  await plex.updateActivity(uuid, { progress: 50 });
  await expect(page.getByRole('progressbar', { name: 'Scanning Movies' })).toHaveAttribute(
    'aria-valuenow',
    '50',
  );
  await expect(announcer).toHaveText('Started: Scanning Movies');
  await plex.endActivity(uuid, 100);
  await expect(announcer).toHaveText('Ended: Scanning Movies');
});

test('theme choice applies at once and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByLabel('Theme').selectOption('dark');
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');

  await page.getByLabel('Theme').selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('the cancel flow works from the keyboard alone', async ({ page, plex }) => {
  await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 30,
    cancellable: true,
  });
  await page.goto('/');
  const cancel = page.getByRole('button', { name: 'Cancel Downloading Media' });
  await expect(cancel).toBeVisible();

  await cancel.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Keep running' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Keep running' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: /^Cancel/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(activityRows(page)).toHaveCount(0);
});

test('fits a phone and uses the width of a wall screen', async ({ page, plex }) => {
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning a library with a very long name indeed',
    subtitle: 'A'.repeat(300),
    progress: 10,
    cancellable: true,
  });
  await plex.startActivity({ type: 'media.download', title: 'Downloading Media', progress: 30 });

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(activityRows(page)).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.setViewportSize({ width: 2560, height: 1440 });
  const boxes = await Promise.all([
    activityRows(page).nth(0).boundingBox(),
    activityRows(page).nth(1).boundingBox(),
  ]);
  expect(boxes[0]?.y).toBe(boxes[1]?.y);
});

test('is installable: manifest and icons are served', async ({ page, request }) => {
  await page.goto('/');

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href ?? '')).json();
  expect(manifest.name).toBe('Plex Activity Monitor');
  expect(manifest.display).toBe('standalone');
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toContain(icon.type);
  }
});
