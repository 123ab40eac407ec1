import { Button } from '../../components/button';
import { dismissNotice, useNoticesStore } from './notices-store';

export function NoticeList() {
  const notices = useNoticesStore((store) => store.notices);

  return (
    <section aria-label="Messages" aria-live="polite" className="flex flex-col gap-2 empty:hidden">
      {notices.map((notice) => (
        <p
          key={notice.id}
          className="flex items-center justify-between gap-3 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
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
