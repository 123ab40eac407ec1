import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Captured-shape Plex payloads with made-up values: uuids, titles and keys are invented.
const FIXTURES_DIR = join(import.meta.dirname, 'fixtures');

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}

/** Splits a raw SSE capture into its messages, as an EventSource would deliver them. */
export function readSseFixture(name: string): { event: string; data: string }[] {
  return readFixture(name)
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines.find((line) => line.startsWith('event: '))?.slice('event: '.length) ?? 'message';
      const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length) ?? '';
      return { event, data };
    });
}
