import { parseArgs } from 'node:util';
import { startSimulator } from './server.ts';

const USAGE = `Usage: npx tsx simulator/main.ts [options]

Runs a simulated Plex Media Server on 127.0.0.1.

  --port N            port to listen on (default 32401; 0 picks a free port)
  --token TEXT        the accepted X-Plex-Token (default simulator-token)
  --speed N           scenario time factor, 2 runs twice as fast (default 1)
  --scenario NAME     demo, idle or a single scenario such as scan (default demo)
  --ping-interval S   seconds between ping events on each stream (default 10)
  --name TEXT         server name shown as friendlyName (default Plex Simulator)
  --verbose           log each Plex API request
  --help              show this text`;

const { values } = parseCommandLine();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const pingSeconds = optionalNumber('ping-interval', values['ping-interval']);
const simulator = await startSimulator({
  port: optionalNumber('port', values.port),
  token: values.token,
  speed: optionalNumber('speed', values.speed),
  scenario: values.scenario,
  pingIntervalMs: pingSeconds === undefined ? undefined : pingSeconds * 1_000,
  serverName: values.name,
  verbose: values.verbose,
}).catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`[simulator] failed to start: ${reason}`);
  process.exit(1);
});

// The token is the simulator's own made-up value, so printing it exposes nothing.
console.log(
  `[simulator] Plex simulator listening on ${simulator.url} (simulator token: ${simulator.token})`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`[simulator] ${signal} received, stopping`);
    void simulator.close().then(() => process.exit(0));
  });
}

function optionalNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    console.error(`[simulator] invalid --${name} "${text}": expected a number`);
    process.exit(2);
  }
  return value;
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '32401' },
        token: { type: 'string' },
        speed: { type: 'string' },
        scenario: { type: 'string' },
        'ping-interval': { type: 'string' },
        name: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[simulator] ${reason}\n\n${USAGE}`);
    process.exit(2);
  }
}
