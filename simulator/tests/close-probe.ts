// Run as a child process by the close test: the process must exit on its own after
// close(), which shows that no server, socket or timer was left behind.
import { request } from 'node:http';
import { startSimulator } from '../server.ts';

const simulator = await startSimulator({ scenario: 'demo', speed: 5, pingIntervalMs: 50 });
const streamUrl = `${simulator.url}/:/eventsource/notifications?X-Plex-Token=${simulator.token}`;

await new Promise<void>((resolve) => {
  const outgoing = request(streamUrl, (incoming) => {
    incoming.once('data', () => resolve());
    incoming.on('error', () => {});
  });
  outgoing.on('error', () => {});
  outgoing.end();
});
await fetch(`${simulator.url}/__simulator/faults`, { method: 'POST', body: '{"hang":true}' });
void fetch(`${simulator.url}/activities?X-Plex-Token=${simulator.token}`).catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 50));

await simulator.close();
console.log('closed');
