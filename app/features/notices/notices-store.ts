import { create } from 'zustand';

/** A message about something that no longer has a row to carry it, such as an activity gone. */
export interface Notice {
  id: number;
  text: string;
}

interface NoticesStore {
  notices: Notice[];
}

const MAX_NOTICES = 5;
let nextId = 1;

export const useNoticesStore = create<NoticesStore>()(() => ({ notices: [] }));

export function addNotice(text: string): void {
  const notice = { id: nextId++, text };
  useNoticesStore.setState((store) => ({
    notices: [...store.notices, notice].slice(-MAX_NOTICES),
  }));
}

export function dismissNotice(id: number): void {
  useNoticesStore.setState((store) => ({
    notices: store.notices.filter((notice) => notice.id !== id),
  }));
}
