import { activityRows, expect, test } from './support/test';

test('cancel asks first, sends one DELETE and the row leaves', async ({ page, plex }) => {
  const uuid = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    subtitle: 'Example Movie Three (2013)',
    progress: 55,
    cancellable: true,
  });
  await page.goto('/');
  const row = activityRows(page).filter({ hasText: 'Downloading Media' });
  await expect(row).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/^Live/);

  await page.getByRole('button', { name: 'Cancel Downloading Media' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep running' }).click();
  await expect(dialog).toBeHidden();
  expect(await plex.requests('DELETE', '/activities/')).toHaveLength(0);

  await page.getByRole('button', { name: 'Cancel Downloading Media' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Cancel/ })
    .click();
  await expect(row).toContainText('Cancelling…');
  await expect(row).toHaveCount(0);

  const deletes = await plex.requests('DELETE', '/activities/');
  expect(deletes.map((entry) => entry.path)).toEqual([`/activities/${uuid}`]);
  // Plex's `ended` does not say why; the page that sent the cancel does.
  const finished = page.getByRole('list', { name: 'Recently finished' }).getByRole('listitem');
  await expect(finished.first()).toContainText('Cancelled at 55 %');
  await expect(finished.first()).not.toContainText('Ended early');
});

test('shows no cancel button on work Plex cannot cancel', async ({ page, plex }) => {
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    progress: 40,
  });
  await plex.startActivity({
    type: 'provider.subscriptions.process',
    title: 'Processing subscriptions',
    cancellable: true,
  });

  await page.goto('/');

  await expect(activityRows(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Cancel Scanning Movies' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel Processing subscriptions' })).toBeVisible();
});

test('says why a cancel failed: 400 and 404', async ({ page, plex }) => {
  await plex.startActivity({
    type: 'media.generate.bif',
    title: 'Generating video preview thumbnails',
    progress: 30,
    cancellable: true,
    refuseCancel: true,
  });
  const finished = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    progress: 90,
    cancellable: true,
  });
  await page.goto('/');
  await expect(activityRows(page)).toHaveCount(2);
  await expect(page.getByRole('status')).toHaveText(/^Live/);

  await page.getByRole('button', { name: 'Cancel Generating video preview thumbnails' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Cancel/ })
    .click();
  const refusedRow = page
    .getByRole('listitem')
    .filter({ hasText: 'Generating video preview thumbnails' });
  await expect(refusedRow.getByRole('alert')).toHaveText(
    'Plex refused: this activity cannot be cancelled.',
  );
  await expect(refusedRow.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '30');

  await plex.forgetActivity(finished);
  await page.getByRole('button', { name: 'Cancel Downloading Media' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Cancel/ })
    .click();
  await expect(
    page.getByText('“Downloading Media” had already finished, so there was nothing to cancel.'),
  ).toBeVisible();
  await expect(activityRows(page).filter({ hasText: 'Downloading Media' })).toHaveCount(0);
  await expect(activityRows(page)).toHaveCount(1);
});
