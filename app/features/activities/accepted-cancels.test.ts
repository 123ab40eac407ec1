import { describe, expect, it } from 'vitest';
import { noteCancelAccepted, takeAcceptedCancels } from './accepted-cancels';

describe('accepted cancels', () => {
  it('tells cancels by server and uuid', () => {
    noteCancelAccepted('main', 'a');
    noteCancelAccepted('office', 'b');

    expect([...takeAcceptedCancels('main', ['a', 'b', 'c'])]).toEqual(['a']);
    expect([...takeAcceptedCancels('office', ['a', 'b'])]).toEqual(['b']);
  });

  it('forgets a cancel once taken', () => {
    noteCancelAccepted('main', 'once');

    expect([...takeAcceptedCancels('main', ['once'])]).toEqual(['once']);
    expect([...takeAcceptedCancels('main', ['once'])]).toEqual([]);
  });
});
