import { type ChangeEvent, useId } from 'react';
import { type GroupBy, updateSettings, useSettingsStore } from '../settings/settings-store';
import { getTypeLabel } from './activity-types';

/** Grouping, the type filter and the browsing-noise switch; every choice is remembered. */
export function ListToolbar({
  types,
  hiddenByType,
  hiddenAsNoise,
}: {
  types: readonly string[];
  hiddenByType: number;
  hiddenAsNoise: number;
}) {
  const groupBy = useSettingsStore((settings) => settings.groupBy);
  const typeFilter = useSettingsStore((settings) => settings.typeFilter);
  const hideBrowseRefreshes = useSettingsStore((settings) => settings.hideBrowseRefreshes);
  const groupId = useId();
  const typeId = useId();
  const typeOptions = typeFilter && !types.includes(typeFilter) ? [...types, typeFilter] : types;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-soft">
      <div className="flex items-center gap-2">
        <label htmlFor={groupId}>Group by</label>
        <select
          id={groupId}
          className="field"
          value={groupBy}
          onChange={(event: ChangeEvent<HTMLSelectElement>) =>
            updateSettings({ groupBy: event.target.value as GroupBy })
          }
        >
          <option value="none">Nothing</option>
          <option value="library">Library</option>
          <option value="type">Type</option>
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={typeId}>Type</label>
        <select
          id={typeId}
          className="field"
          value={typeFilter ?? ''}
          onChange={(event) => updateSettings({ typeFilter: event.target.value || null })}
        >
          <option value="">All types</option>
          {typeOptions.map((type) => (
            <option key={type} value={type}>
              {getTypeLabel(type)}
            </option>
          ))}
        </select>
        {hiddenByType > 0 ? (
          <span className="text-muted">{hiddenByType} of other types</span>
        ) : null}
      </div>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className="size-4 accent-amber-500"
          checked={hideBrowseRefreshes}
          onChange={(event) => updateSettings({ hideBrowseRefreshes: event.target.checked })}
        />
        Hide refreshes caused by browsing
      </label>
      {hiddenAsNoise > 0 ? <span className="text-muted">{hiddenAsNoise} hidden</span> : null}
    </div>
  );
}
