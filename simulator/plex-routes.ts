import type { IncomingMessage, ServerResponse } from 'node:http';
import { activityToJson } from './activity.ts';
import type { JsonObject } from './json-value.ts';
import { chooseFormat, sendContainer, sendEmptyOk, sendHtmlError } from './plex-responses.ts';
import { parseRequestTarget, type RequestTarget } from './request-target.ts';
import { identityContainer, librarySectionsContainer, rootContainer } from './server-info.ts';
import type { Simulation } from './simulation.ts';

interface PlexExchange {
  request: IncomingMessage;
  response: ServerResponse;
  target: RequestTarget;
  simulation: Simulation;
  /** Path parameter of the matched route, such as an activity uuid. */
  parameter: string;
}

interface PlexRoute {
  pattern: RegExp;
  methods: readonly string[];
  needsToken: boolean;
  handle(exchange: PlexExchange): void;
}

const ROUTES: readonly PlexRoute[] = [
  { pattern: /^\/identity$/, methods: ['GET', 'HEAD'], needsToken: false, handle: sendIdentity },
  { pattern: /^\/$/, methods: ['GET', 'HEAD'], needsToken: true, handle: sendRoot },
  {
    pattern: /^\/library\/sections$/,
    methods: ['GET', 'HEAD'],
    needsToken: true,
    handle: sendLibrarySections,
  },
  { pattern: /^\/activities$/, methods: ['GET', 'HEAD'], needsToken: true, handle: sendActivities },
  {
    pattern: /^\/activities\/([^/]+)$/,
    methods: ['DELETE'],
    needsToken: true,
    handle: cancelActivity,
  },
  {
    pattern: /^\/:\/eventsource\/notifications$/,
    methods: ['GET'],
    needsToken: true,
    handle: openEventStream,
  },
];

/** Responds to a request for the simulated Plex API, applying the active faults. */
export function handlePlexRequest(
  request: IncomingMessage,
  response: ServerResponse,
  simulation: Simulation,
): void {
  simulation.requestLog.record(request.method ?? 'GET', request.url ?? '/');

  if (simulation.faults.hang) {
    simulation.heldRequests.hold(response, () => respond(request, response, simulation));
    return;
  }
  respond(request, response, simulation);
}

function respond(request: IncomingMessage, response: ServerResponse, simulation: Simulation): void {
  const target = parseRequestTarget(request);
  const faults = simulation.faults;
  if (faults.status500) {
    sendHtmlError(response, 500);
    return;
  }

  const match = findRoute(target.path);
  const needsToken = match?.route.needsToken ?? true;
  if (needsToken && (faults.unauthorized || !hasValidToken(request, target, simulation))) {
    sendHtmlError(response, 401);
    return;
  }
  if (match === undefined) {
    sendHtmlError(response, 404);
    return;
  }

  const { route, parameter } = match;
  if (!route.methods.includes(request.method ?? 'GET')) {
    sendHtmlError(response, 405, { Allow: route.methods.join(', ') });
    return;
  }
  route.handle({ request, response, target, simulation, parameter });
}

function findRoute(path: string | undefined): { route: PlexRoute; parameter: string } | undefined {
  if (path === undefined) {
    return undefined;
  }
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match !== null) {
      return { route, parameter: match[1] ?? '' };
    }
  }
  return undefined;
}

/** Accepts the token from the `X-Plex-Token` header or the query parameter of that name. */
function hasValidToken(
  request: IncomingMessage,
  target: RequestTarget,
  simulation: Simulation,
): boolean {
  const expected = simulation.settings.token;
  return (
    request.headers['x-plex-token'] === expected || target.query.get('X-Plex-Token') === expected
  );
}

function formatFor({ request, simulation }: PlexExchange) {
  return chooseFormat(request.headers.accept, simulation.formatMode);
}

function sendIdentity(exchange: PlexExchange): void {
  const container = identityContainer(exchange.simulation.machineIdentifier);
  sendContainer(exchange.response, formatFor(exchange), container);
}

function sendRoot(exchange: PlexExchange): void {
  const { machineIdentifier, settings } = exchange.simulation;
  const container = rootContainer(machineIdentifier, settings.serverName);
  sendContainer(exchange.response, formatFor(exchange), container);
}

function sendLibrarySections(exchange: PlexExchange): void {
  const { store } = exchange.simulation;
  const container = librarySectionsContainer((key) => store.isSectionScanning(key));
  sendContainer(exchange.response, formatFor(exchange), container);
}

/** Lists running activities. With none, the container has no `Activity` key at all. */
function sendActivities(exchange: PlexExchange): void {
  const activities = exchange.simulation.store.list();
  const container: JsonObject =
    activities.length === 0
      ? { size: 0 }
      : { size: activities.length, Activity: activities.map(activityToJson) };
  sendContainer(exchange.response, formatFor(exchange), container);
}

function cancelActivity({ response, simulation, parameter }: PlexExchange): void {
  const result = simulation.store.requestCancel(parameter);
  if (result === 'cancelling') {
    sendEmptyOk(response);
  } else {
    sendHtmlError(response, result === 'not-found' ? 404 : 400);
  }
}

function openEventStream({ request, response, target, simulation }: PlexExchange): void {
  simulation.hub.open(request, response, target.query.get('filters'));
}
