import { useId, useState } from 'react';
import { canNotify, enableNotifications } from '../notify/notification-switch';
import { type Theme, updateSettings, useSettingsStore } from './settings-store';

/** Renders the page-wide choices: theme and notifications. */
export function SettingsBar() {
  const theme = useSettingsStore((settings) => settings.theme);
  const notify = useSettingsStore((settings) => settings.notify);
  const [denied, setDenied] = useState(false);
  const themeId = useId();

  const toggleNotifications = async (checked: boolean) => {
    if (!checked) {
      updateSettings({ notify: false });
      return;
    }
    // Permission is requested only here, in response to the user's click.
    const permission = await enableNotifications();
    setDenied(permission !== 'granted');
  };

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-soft">
      <div className="flex items-center gap-2">
        <label htmlFor={themeId}>Theme</label>
        <select
          id={themeId}
          className="field"
          value={theme}
          onChange={(event) => updateSettings({ theme: event.target.value as Theme })}
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      {canNotify() ? (
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="size-4 accent-amber-500"
            checked={notify}
            onChange={(event) => void toggleNotifications(event.target.checked)}
          />
          Notify me when long work ends or the connection is lost
        </label>
      ) : null}
      {denied ? (
        <span role="alert" className="text-danger">
          The browser blocked notifications; allow them in the site settings to turn this on.
        </span>
      ) : null}
    </div>
  );
}
