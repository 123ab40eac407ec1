export const eventStreamPath = '/:/eventsource/notifications';
export const eventStreamMediaType = 'text/event-stream';

// Proxies such as nginx buffer a response unless it carries `X-Accel-Buffering: no`, but an SSE
// client needs each event at once.
export const eventStreamHeaders = { 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };
