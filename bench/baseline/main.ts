// The floor for the benchmark: one EventSource, and every progress value written straight
// into the DOM with no framework, batching or parsing beyond JSON.parse.

import './bars.css';

interface Notification {
  event: string;
  uuid: string;
  Activity?: { title?: string; progress?: number };
}

const serverId = new URLSearchParams(location.search).get('server') ?? 'main';
const list = document.getElementById('bars') as HTMLUListElement;
const bars = new Map<string, { row: HTMLLIElement; bar: HTMLDivElement; fill: HTMLDivElement }>();
const stream = new EventSource(
  `/plex/${encodeURIComponent(serverId)}/:/eventsource/notifications?filters=activity,ping`,
);

stream.addEventListener('activity', (message) => {
  const payload = JSON.parse(message.data) as {
    ActivityNotification?: Notification | Notification[];
  };
  for (const notification of [payload.ActivityNotification ?? []].flat()) {
    apply(notification);
  }
});

function apply({ event, uuid, Activity: activity }: Notification): void {
  if (event === 'ended') {
    bars.get(uuid)?.row.remove();
    bars.delete(uuid);
    return;
  }

  let entry = bars.get(uuid);
  if (entry === undefined) {
    const row = document.createElement('li');
    row.dataset.uuid = uuid;
    const bar = document.createElement('div');
    bar.className = 'track';
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-label', activity?.title ?? uuid);
    const fill = document.createElement('div');
    fill.className = 'fill';
    bar.append(fill);
    row.append(bar);
    list.append(row);
    entry = { row, bar, fill };
    bars.set(uuid, entry);
  }

  const percent = Math.round(Math.max(0, activity?.progress ?? 0));
  entry.fill.style.width = `${percent}%`;
  entry.bar.setAttribute('aria-valuenow', String(percent));
}
