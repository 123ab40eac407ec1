import { Button } from '../../components/button';
import { dismissNotice, useNoticesStore } from './notices-store';

export function NoticeList() {
  const notices = useNoticesStore((store) => store.notices);

  return (
    <section aria-label="Messages" aria-live="polite" className="flex flex-col gap-2 empty:hidden">
      {notices.map((notice) => (
        <p
          key={notice.id}
          data-tone="info"
          className="tinted flex items-center justify-between gap-3 rounded-lg border px-4 py-2 text-sm"
        >
          <span>{notice.text}</span>
          <Button onClick={() => dismissNotice(notice.id)} aria-label="Dismiss message">
            Dismiss
          </Button>
        </p>
      ))}
    </section>
  );
}
