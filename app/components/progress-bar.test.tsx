// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar';

describe('ProgressBar', () => {
  afterEach(cleanup);

  it('exposes a whole percent to assistive technology', () => {
    render(<ProgressBar label="Scanning Movies" value={42} />);

    const bar = screen.getByRole('progressbar', { name: 'Scanning Movies' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-valuetext')).toBe('42 %');
    expect(bar.dataset.state).toBe('determinate');
  });

  it('leaves aria-valuenow out when the amount is unknown', () => {
    render(<ProgressBar label="Detecting intros" value={null} />);

    const bar = screen.getByRole('progressbar', { name: 'Detecting intros' });
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('In progress, amount unknown');
    expect(bar.dataset.state).toBe('indeterminate');
  });
});
