import type { TabStatus } from './describe-tab';

const RING_RADIUS = 12;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;
const STATE_COLORS = {
  reconnecting: '#f59e0b',
  offline: '#dc2626',
  unauthorized: '#dc2626',
} as const;

/**
 * Draws the tab icon as an SVG data URL: a progress ring with the running count while work
 * runs, and a coloured dot when updates are not live.
 */
export function drawFavicon(status: TabStatus): string {
  const ring =
    status.running === 0
      ? ''
      : `<circle cx="16" cy="16" r="${RING_RADIUS}" fill="none" stroke="#475569" stroke-width="4"/>` +
        `<circle cx="16" cy="16" r="${RING_RADIUS}" fill="none" stroke="#f59e0b" stroke-width="4" ` +
        `stroke-dasharray="${(((status.percent ?? 100) / 100) * RING_LENGTH).toFixed(1)} ${RING_LENGTH.toFixed(1)}" ` +
        `transform="rotate(-90 16 16)"${status.percent === null ? ' opacity="0.5"' : ''}/>`;
  const label =
    status.running === 0
      ? '<path d="M12 8h5a5 5 0 0 1 0 10h-2v6h-3z" fill="#f59e0b"/>'
      : `<text x="16" y="21" text-anchor="middle" font-family="sans-serif" font-size="${status.running > 9 ? 11 : 14}" font-weight="700" fill="#f8fafc">${status.running > 99 ? '99+' : status.running}</text>`;
  const color = STATE_COLORS[status.connection as keyof typeof STATE_COLORS];
  const dot = color
    ? `<circle cx="26" cy="6" r="6" fill="${color}" stroke="#0f172a" stroke-width="1.5"/>`
    : '';

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1e293b"/>${ring}${label}${dot}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
