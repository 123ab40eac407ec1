import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./close-probe.ts', import.meta.url));

describe('close', () => {
  it('lets the process exit with streams, timers and held requests open', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE], { stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });

    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 10_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });

    expect(output.trim()).toBe('closed');
    expect(exitCode).toBe(0);
  });
});
