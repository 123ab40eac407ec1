import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { activityToJson } from './activity.ts';
import {
  activityPatchSchema,
  endActivitySchema,
  faultsSchema,
  formatSchema,
  newActivitySchema,
  rawEventSchema,
  scenarioSchema,
  sendLogSchema,
} from './control-input.ts';
import { InvalidBodyError, readJsonBody, sendJson } from './json-body.ts';
import { parseRequestTarget } from './request-target.ts';
import type { Simulation } from './simulation.ts';

export const CONTROL_PREFIX = '/__simulator/';

interface ControlResult {
  status: number;
  body: unknown;
}

interface ControlRoute {
  method: string;
  pattern: RegExp;
  handle(simulation: Simulation, body: unknown, uuid: string): ControlResult;
}

const ROUTES: readonly ControlRoute[] = [
  { method: 'GET', pattern: /^state$/, handle: describeState },
  { method: 'DELETE', pattern: /^requests$/, handle: clearRequestLog },
  { method: 'POST', pattern: /^activities$/, handle: startActivity },
  { method: 'PATCH', pattern: /^activities\/([^/]+)$/, handle: updateActivity },
  { method: 'POST', pattern: /^activities\/([^/]+)\/end$/, handle: endActivity },
  { method: 'POST', pattern: /^activities\/([^/]+)\/forget$/, handle: forgetActivity },
  { method: 'POST', pattern: /^scenario$/, handle: startScenario },
  { method: 'POST', pattern: /^scenario\/stop$/, handle: stopScenarios },
  { method: 'POST', pattern: /^reset$/, handle: reset },
  { method: 'POST', pattern: /^streams\/drop$/, handle: dropStreams },
  { method: 'POST', pattern: /^restart$/, handle: restart },
  { method: 'POST', pattern: /^format$/, handle: setFormat },
  { method: 'POST', pattern: /^faults$/, handle: setFaults },
  { method: 'POST', pattern: /^events$/, handle: sendRawEvent },
  { method: 'GET', pattern: /^send-log$/, handle: describeSendLog },
  { method: 'POST', pattern: /^send-log$/, handle: setSendLog },
];

/** Handles a request under `/__simulator/`, the test control API, which needs no token. */
export async function handleControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  simulation: Simulation,
): Promise<void> {
  const path = (parseRequestTarget(request).path ?? '').slice(CONTROL_PREFIX.length);
  const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
    ({ match }) => match !== null,
  );
  if (matching.length === 0) {
    sendJson(response, 404, { error: `No control endpoint at ${CONTROL_PREFIX}${path}` });
    return;
  }

  const selected = matching.find(({ route }) => route.method === request.method);
  if (selected === undefined) {
    const allowed = matching.map(({ route }) => route.method).join(', ');
    response.setHeader('Allow', allowed);
    sendJson(response, 405, { error: `Use ${allowed} for ${CONTROL_PREFIX}${path}` });
    return;
  }

  try {
    const body = await readJsonBody(request);
    const uuid = selected.match?.[1] ?? '';
    const result = selected.route.handle(simulation, body, uuid);
    sendJson(response, result.status, result.body);
  } catch (error) {
    if (!(error instanceof InvalidBodyError)) {
      throw error;
    }
    sendJson(response, 400, { error: error.message });
  }
}

function describeState(simulation: Simulation): ControlResult {
  const body = {
    activities: simulation.store.list().map(activityToJson),
    streams: simulation.hub.size,
    requests: simulation.requestLog.entries(),
    faults: simulation.faults,
    format: simulation.formatMode,
  };
  return { status: 200, body };
}

function clearRequestLog(simulation: Simulation): ControlResult {
  simulation.requestLog.clear();
  return { status: 200, body: {} };
}

function startActivity(simulation: Simulation, body: unknown): ControlResult {
  const { uuid, refuseCancel, ...fields } = parseBody(newActivitySchema, body);
  if (uuid !== undefined && simulation.store.get(uuid) !== undefined) {
    return {
      status: 409,
      body: { error: `Activity ${uuid} already exists. End it first or choose another uuid` },
    };
  }

  const activity = simulation.store.start(fields, { uuid, refuseCancel });
  return { status: 201, body: { uuid: activity.uuid } };
}

function updateActivity(simulation: Simulation, body: unknown, uuid: string): ControlResult {
  const { refuseCancel, ...patch } = parseBody(activityPatchSchema, body);
  if (simulation.store.get(uuid) === undefined) {
    return activityNotFound(uuid);
  }

  const activity = simulation.store.update(uuid, patch, refuseCancel);
  return { status: 200, body: { activity: activityToJson(activity) } };
}

function endActivity(simulation: Simulation, body: unknown, uuid: string): ControlResult {
  const patch = parseBody(endActivitySchema, body);
  if (simulation.store.get(uuid) === undefined) {
    return activityNotFound(uuid);
  }

  const activity = simulation.store.end(uuid, patch);
  return { status: 200, body: { activity: activityToJson(activity) } };
}

function forgetActivity(simulation: Simulation, _body: unknown, uuid: string): ControlResult {
  if (simulation.store.get(uuid) === undefined) {
    return activityNotFound(uuid);
  }

  const activity = simulation.store.forget(uuid);
  return { status: 200, body: { activity: activityToJson(activity) } };
}

function startScenario(simulation: Simulation, body: unknown): ControlResult {
  const { name, speed = simulation.settings.speed } = parseBody(scenarioSchema, body);
  simulation.startScenario(name, speed);
  return { status: 202, body: { name, speed } };
}

function stopScenarios(simulation: Simulation): ControlResult {
  return { status: 200, body: { stopped: simulation.stopScenarios() } };
}

function reset(simulation: Simulation): ControlResult {
  simulation.reset();
  return { status: 200, body: {} };
}

function dropStreams(simulation: Simulation): ControlResult {
  return { status: 200, body: { dropped: simulation.hub.dropAll() } };
}

function restart(simulation: Simulation): ControlResult {
  simulation.restart();
  return { status: 200, body: {} };
}

function setFormat(simulation: Simulation, body: unknown): ControlResult {
  const { mode } = parseBody(formatSchema, body);
  simulation.formatMode = mode;
  return { status: 200, body: { mode } };
}

function setFaults(simulation: Simulation, body: unknown): ControlResult {
  const changes = parseBody(faultsSchema, body);
  return { status: 200, body: simulation.setFaults(changes) };
}

function sendRawEvent(simulation: Simulation, body: unknown): ControlResult {
  const { event, data } = parseBody(rawEventSchema, body);
  return { status: 200, body: { delivered: simulation.hub.send(event, data) } };
}

function describeSendLog(simulation: Simulation): ControlResult {
  return { status: 200, body: simulation.hub.sendLog.snapshot() };
}

function setSendLog(simulation: Simulation, body: unknown): ControlResult {
  const { enabled } = parseBody(sendLogSchema, body);
  simulation.hub.sendLog.setEnabled(enabled);
  return { status: 200, body: { enabled } };
}

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return `${field}: ${issue.message}`;
    });
    throw new InvalidBodyError(`Invalid request body. ${issues.join('; ')}`);
  }
  return result.data;
}

function activityNotFound(uuid: string): ControlResult {
  return {
    status: 404,
    body: { error: `Activity ${uuid} not found. It has ended or never existed` },
  };
}
