import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { activityRows, expect, test } from './support/test.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

// axe is injected as a script tag, which the gateway's Content Security Policy would block.
test.use({ bypassCSP: true });

async function findViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`).join('; ')})`,
  );
}

test('axe finds no violations in light and dark, idle and busy, with the dialog open', async ({
  page,
  plex,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.getByText('No activities')).toBeVisible();
  expect(await findViolations(page)).toEqual([]);

  const download = await plex.startActivity({
    type: 'media.download',
    title: 'Downloading Media',
    subtitle: 'Example Movie Three (2013)',
    progress: 55,
    cancellable: true,
  });
  await plex.startActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
    progress: -1,
    Context: { librarySectionID: '1' },
  });
  await plex.endActivity(
    await plex.startActivity({ type: 'butler', title: 'Backing up the database', progress: 30 }),
    30,
  );
  await expect(activityRows(page)).toHaveCount(2);
  await expect(
    page.getByRole('list', { name: 'Recently finished' }).getByRole('listitem'),
  ).toHaveCount(1);
  expect(await findViolations(page)).toEqual([]);

  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Group by').selectOption('library');
  expect(await findViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Cancel Downloading Media' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await findViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Keep running' }).click();

  await plex.setFaults({ unauthorized: true });
  await plex.dropStreams();
  await expect(page.getByRole('status')).toHaveText(/^Unauthorized/);
  expect(await findViolations(page)).toEqual([]);
  await plex.setFaults({ unauthorized: false });
  await plex.endActivity(download, 100);
});
