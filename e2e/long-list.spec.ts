import { activityRows, expect, test } from './support/test';

// A trace snapshots the whole DOM after every step. With 2,000 rows that keeps the page busy for
// seconds at a time on a 2-core machine, so these tests run without one.
test.use({ trace: 'off' });

test('2,000 activities at once', async ({ page, plex }) => {
  const uuids: string[] = [];
  for (let start = 0; start < 2_000; start += 100) {
    const batch = Array.from({ length: 100 }, (_, index) =>
      plex.startActivity({
        type: 'library.refresh.items',
        title: `Refreshing item ${start + index}`,
        progress: 1,
      }),
    );
    uuids.push(...(await Promise.all(batch)));
  }

  await page.goto('/');

  // CSS selectors here: a role query computes the role and name of all 2,000 rows on each
  // try, which takes seconds on a busy machine.
  await expect(page.locator('li[data-uuid]')).toHaveCount(2_000, { timeout: 15_000 });
  await expect(page.locator('.connection-status')).toHaveText(/^Live/);
  const lastBar = page.locator(`li[data-uuid="${uuids[1_999]}"] [role="progressbar"]`);
  await expect(lastBar).toHaveAccessibleName('Refreshing item 1999');
  await plex.updateActivity(uuids[1_999] ?? '', { progress: 77 });
  await expect(lastBar).toHaveAttribute('aria-valuenow', '77');
});

test('long list keeps its height', async ({ page, plex }) => {
  await Promise.all(
    Array.from({ length: 60 }, (_, index) =>
      plex.startActivity({
        type: 'media.generate.bif',
        title: 'Generating video preview thumbnails',
        subtitle: `Example Movie ${index}`,
        progress: 20,
      }),
    ),
  );
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto('/');
  await expect(activityRows(page)).toHaveCount(60);
  const heightBefore = await page.evaluate(() => document.documentElement.scrollHeight);

  // Rows skipped while off-screen take their estimated height; rendered, they take their own.
  await page.keyboard.press('End');
  await expect(page.getByText('Example Movie 59')).toBeInViewport();
  const heightAfter = await page.evaluate(() => document.documentElement.scrollHeight);

  expect(Math.abs(heightAfter - heightBefore)).toBeLessThanOrEqual(60 * 4);
});
