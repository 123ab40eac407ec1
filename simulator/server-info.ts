import { createHash } from 'node:crypto';
import type { JsonObject } from './json-value.ts';

export const PMS_VERSION = '1.43.4.10903-e5521bd8c';
const API_VERSION = '1.2.3';

// Invented timestamps in seconds, kept fixed so that replies are reproducible.
const CREATED_AT = 1_701_000_000;
const SCANNED_AT = 1_733_290_000;

interface SectionDefinition {
  key: string;
  type: 'movie' | 'show' | 'artist' | 'photo';
  title: string;
  agent: string;
  scanner: string;
  artName: string;
  path: string;
  uuid: string;
}

export const LIBRARY_SECTIONS: readonly SectionDefinition[] = [
  {
    key: '1',
    type: 'movie',
    title: 'Movies',
    agent: 'tv.plex.agents.movie',
    scanner: 'Plex Movie',
    artName: 'movie',
    path: '/data/movies',
    uuid: '3e98b93d-9196-4bdd-8794-6d4e51943337',
  },
  {
    key: '2',
    type: 'show',
    title: 'TV Shows',
    agent: 'tv.plex.agents.series',
    scanner: 'Plex TV Series',
    artName: 'show',
    path: '/data/tv',
    uuid: '66dfb6e5-cb4e-498a-a1f1-9b32505adb47',
  },
  {
    key: '3',
    type: 'artist',
    title: 'Music',
    agent: 'tv.plex.agents.music',
    scanner: 'Plex Music',
    artName: 'artist',
    path: '/data/music',
    uuid: '1bcb0278-e420-436a-8e17-fa98b4ec84bc',
  },
  {
    key: '4',
    type: 'photo',
    title: 'Photos',
    agent: 'com.plexapp.agents.none',
    scanner: 'Plex Photo Scanner',
    artName: 'photo',
    path: '/data/photos',
    uuid: 'e528695d-a5d0-442b-9a8d-d9086027a875',
  },
];

/**
 * Derives the 40-hex-digit machine identifier from the server name, so a simulator keeps
 * its identity across restarts, as a real server does.
 */
export function machineIdentifierFor(serverName: string): string {
  return createHash('sha1').update(`plex-simulator:${serverName}`).digest('hex');
}

export function identityContainer(machineIdentifier: string): JsonObject {
  return {
    size: 0,
    apiVersion: API_VERSION,
    claimed: true,
    machineIdentifier,
    version: PMS_VERSION,
  };
}

/** `GET /` trimmed to the attributes a dashboard shows, without the child directories. */
export function rootContainer(machineIdentifier: string, friendlyName: string): JsonObject {
  return {
    size: 0,
    allowSync: true,
    apiVersion: API_VERSION,
    friendlyName,
    machineIdentifier,
    multiuser: true,
    myPlex: true,
    myPlexSigninState: 'ok',
    platform: 'Linux',
    platformVersion: '6.8.0',
    transcoderVideo: true,
    updater: true,
    version: PMS_VERSION,
  };
}

export function librarySectionsContainer(isScanning: (sectionKey: string) => boolean): JsonObject {
  return {
    size: LIBRARY_SECTIONS.length,
    allowSync: false,
    title1: 'Plex Library',
    Directory: LIBRARY_SECTIONS.map((section) =>
      sectionDirectory(section, isScanning(section.key)),
    ),
  };
}

function sectionDirectory(section: SectionDefinition, refreshing: boolean): JsonObject {
  return {
    allowSync: true,
    art: `/:/resources/${section.artName}-fanart.jpg`,
    composite: `/library/sections/${section.key}/composite/${SCANNED_AT}`,
    filters: true,
    refreshing,
    thumb: `/:/resources/${section.artName}.png`,
    key: section.key,
    type: section.type,
    title: section.title,
    agent: section.agent,
    scanner: section.scanner,
    language: 'en-US',
    uuid: section.uuid,
    updatedAt: SCANNED_AT,
    createdAt: CREATED_AT,
    scannedAt: SCANNED_AT,
    content: true,
    directory: true,
    contentChangedAt: 402118,
    hidden: 0,
    Location: [{ id: Number(section.key), path: section.path }],
  };
}
