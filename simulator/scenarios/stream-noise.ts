import type { ScenarioContext } from '../timelines.ts';
import { randomBetween } from './catalog.ts';

const SESSION_KEY = '12';
const CLIENT_IDENTIFIER = 'gj6k581gg2luflf7jjk72db7';
const PLAYING_RATING_KEY = '2042';
const MOVIE_DURATION_MS = 5_712_000;

/**
 * Sends the other notifications a busy server mixes into the stream, which an activity
 * client must ignore: `playing`, `timeline`, `transcodeSession.update` and `log` (which
 * the default `-log` filter leaves out). Runs until the timeline stops.
 */
export async function sendStreamNoise(context: ScenarioContext): Promise<void> {
  let viewOffset = 125_430;
  let paused = false;

  for (;;) {
    await context.sleep(randomBetween(2_000, 4_000));
    viewOffset += paused ? 0 : 3_000;

    switch (randomBetween(0, 3)) {
      case 0:
        paused = !paused;
        context.sendEvent('playing', playingPayload(viewOffset, paused ? 'paused' : 'playing'));
        break;
      case 1:
        context.sendEvent('timeline', timelinePayload());
        break;
      case 2:
        context.sendEvent('transcodeSession.update', transcodePayload(viewOffset));
        break;
      default:
        context.sendEvent('log', logPayload());
    }
  }
}

function playingPayload(viewOffset: number, state: 'playing' | 'paused') {
  return {
    PlaySessionStateNotification: {
      sessionKey: SESSION_KEY,
      clientIdentifier: CLIENT_IDENTIFIER,
      guid: '',
      ratingKey: PLAYING_RATING_KEY,
      url: '',
      key: `/library/metadata/${PLAYING_RATING_KEY}`,
      viewOffset,
      playQueueItemID: 301,
      state,
    },
  };
}

function timelinePayload() {
  return {
    TimelineEntry: {
      identifier: 'com.plexapp.plugins.library',
      sectionID: 1,
      itemID: randomBetween(2101, 2108),
      type: 1,
      title: '',
      state: 5,
      updatedAt: Math.floor(Date.now() / 1_000),
    },
  };
}

function transcodePayload(viewOffset: number) {
  const progress = Math.round((viewOffset / MOVIE_DURATION_MS) * 1_000) / 10;
  return {
    TranscodeSession: {
      key: '/transcode/sessions/uml8b4t10ur8i1qc1xc3q0dh',
      throttled: false,
      complete: false,
      progress,
      speed: 3.1,
      error: false,
      duration: MOVIE_DURATION_MS,
      context: 'streaming',
      videoDecision: 'transcode',
      audioDecision: 'transcode',
      protocol: 'dash',
      container: 'mp4',
      videoCodec: 'h264',
      audioCodec: 'aac',
    },
  };
}

function logPayload() {
  return {
    LogSentNotification: { level: 3, message: 'Example log line', source: 'pms' },
  };
}
