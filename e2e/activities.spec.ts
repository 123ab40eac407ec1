import { expect, test } from './support/test';

test('list follows the server live: progress, late Context, end', async ({ page, plex }) => {
  const existing = await plex.startActivity({
    type: 'media.generate.bif',
    title: 'Generating video preview thumbnails',
    subtitle: 'Example Movie Two (2011)',
    progress: 18,
  });

  await page.goto('/');

  const status = page.getByRole('status');
  await expect(status).toHaveText(/^Live/);
  const list = page.getByRole('list', { name: 'Activities' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(
    page.getByRole('progressbar', { name: 'Generating video preview thumbnails' }),
  ).toHaveAttribute('aria-valuenow', '18');

  const scan = await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    subtitle: '',
    progress: 0,
  });
  const scanRow = list.getByRole('listitem').filter({ hasText: 'Scanning Movies' });
  const scanBar = page.getByRole('progressbar', { name: 'Scanning Movies' });
  await expect(scanRow).toContainText('Library scan');
  await expect(scanBar).not.toHaveAttribute('aria-valuenow');
  await expect(scanRow.getByText('Movies', { exact: true })).toHaveCount(0);

  await plex.updateActivity(scan, {
    subtitle: 'Example Movie One (2008)',
    progress: 17,
    Context: { librarySectionID: '1' },
  });
  await expect(scanRow).toContainText('Example Movie One (2008)');
  await expect(scanRow.getByText('Movies', { exact: true })).toBeVisible();
  await expect(scanBar).toHaveAttribute('aria-valuenow', '17');

  // While the stream is live the page polls once a minute, so only the stream can move the bar
  // through these steps within the assertion timeout.
  for (const progress of [33, 50, 67]) {
    await plex.updateActivity(scan, { subtitle: `Item at ${progress}`, progress });
    await expect(scanBar).toHaveAttribute('aria-valuenow', String(progress), { timeout: 2_000 });
  }
  await expect(scanRow.getByText('Movies', { exact: true })).toBeVisible();

  await plex.endActivity(scan, 100);
  await expect(scanRow).toHaveCount(0);
  await plex.endActivity(existing, 100);
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('No activities')).toBeVisible();
});

test('labels types, and shows unknown and indeterminate work honestly', async ({ page, plex }) => {
  await plex.startActivity({
    type: 'example.future.task',
    title: 'Doing something new',
    progress: 12,
  });
  await plex.startActivity({
    type: 'media.generate.intros',
    title: 'Detecting intros',
    progress: -1,
  });
  await plex.startActivity({ type: 'media.generate.credits', title: 'Detecting credits' });
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning TV Shows',
    progress: 5,
    Context: { librarySectionID: 2 },
  });

  await page.goto('/');

  const list = page.getByRole('list', { name: 'Activities' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(list.getByRole('listitem').filter({ hasText: 'Doing something new' })).toContainText(
    'example.future.task',
  );
  await expect(list.getByRole('listitem').filter({ hasText: 'Detecting intros' })).toContainText(
    'Intro detection',
  );
  await expect(page.getByRole('progressbar', { name: 'Detecting intros' })).not.toHaveAttribute(
    'aria-valuenow',
  );
  await expect(page.getByRole('progressbar', { name: 'Detecting credits' })).not.toHaveAttribute(
    'aria-valuenow',
  );
  await expect(page.getByRole('progressbar', { name: 'Doing something new' })).toHaveAttribute(
    'aria-valuenow',
    '12',
  );
  await expect(list.getByRole('listitem').filter({ hasText: 'Scanning TV Shows' })).toContainText(
    'TV Shows',
  );
});

test('reads XML-only answers and empty containers', async ({ page, plex }) => {
  await plex.answerXmlOnly();

  await page.goto('/');
  await expect(page.getByText('No activities')).toBeVisible();

  await plex.startActivity({
    type: 'provider.subscriptions.process',
    title: 'Processing subscriptions',
    subtitle: '',
    progress: 0,
    cancellable: true,
  });
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    subtitle: 'Example Movie Four (2016)',
    progress: 42,
    Context: { librarySectionID: '1' },
  });
  await page.reload();

  const list = page.getByRole('list', { name: 'Activities' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('progressbar', { name: 'Scanning Movies' })).toHaveAttribute(
    'aria-valuenow',
    '42',
  );
  await expect(list.getByRole('listitem').filter({ hasText: 'Scanning Movies' })).toContainText(
    'Movies',
  );
  await expect(page.getByRole('button', { name: 'Cancel Processing subscriptions' })).toBeVisible();
  const xmlAnswers = await plex.requests('GET', '/activities');
  expect(xmlAnswers.length).toBeGreaterThan(0);
});

test('reconnects after the streams drop and after a server restart', async ({ page, plex }) => {
  await plex.startActivity({ type: 'media.download', title: 'Downloading Media', progress: 10 });
  await page.goto('/');
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^Live/);

  await plex.dropStreams();
  await expect(status).toHaveText(/^Reconnecting/);
  await expect(status).toHaveText(/^Live/, { timeout: 10_000 });

  await plex.restart();
  const fresh = await plex.startActivity({ type: 'butler', title: 'Optimizing database' });
  const list = page.getByRole('list', { name: 'Activities' });
  await expect(list.getByRole('listitem')).toHaveCount(1, { timeout: 10_000 });
  await expect(list.getByRole('listitem')).toContainText('Optimizing database');
  await expect(status).toHaveText(/^Live/, { timeout: 10_000 });
  expect((await plex.state()).activities.map((activity) => activity.uuid)).toEqual([fresh]);
});
