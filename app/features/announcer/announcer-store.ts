import { create } from 'zustand';

interface AnnouncerStore {
  message: string;
}

export const useAnnouncerStore = create<AnnouncerStore>()(() => ({ message: '' }));

/** Sets the sentence the polite live region reads out next. */
export function announce(message: string): void {
  useAnnouncerStore.setState({ message });
}
