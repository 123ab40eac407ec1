import { useEffect } from 'react';
import { useSettingsStore } from './settings-store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Applies the chosen theme to the document, following the system setting when asked to. */
export function useTheme(): void {
  const theme = useSettingsStore((settings) => settings.theme);

  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      const root = document.documentElement;
      root.classList.toggle('dark', dark);
      root.dataset.theme = dark ? 'dark' : 'light';
      root.style.colorScheme = dark ? 'dark' : 'light';
    };

    apply();
    if (theme !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
