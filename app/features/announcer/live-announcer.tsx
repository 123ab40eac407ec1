import { useAnnouncerStore } from './announcer-store';

/**
 * A visually hidden polite live region. It carries only starts and ends, never each percent,
 * so a screen reader is not talked over by a busy server.
 */
export function LiveAnnouncer() {
  const message = useAnnouncerStore((store) => store.message);

  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
      {message}
    </div>
  );
}
