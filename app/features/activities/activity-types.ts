// Readable names for the `type` values Plex is known to send. The set is open: any other
// type is shown under its raw name.
const TYPE_LABELS: Record<string, string> = {
  'library.update.section': 'Library scan',
  'library.refresh.items': 'Metadata refresh',
  'library.update.item.metadata': 'Item metadata update',
  'media.generate.bif': 'Preview thumbnails',
  'media.generate.intros': 'Intro detection',
  'media.generate.credits': 'Credit detection',
  'media.generate.voice.activity': 'Voice activity detection',
  'media.generate.chapter.thumbs': 'Chapter thumbnails',
  'media.download': 'Download',
  'media.optimize': 'Optimization',
  'provider.subscriptions.process': 'Subscriptions',
  'provider.epg.load': 'Program guide refresh',
  butler: 'Scheduled maintenance',
};

/** Returns the readable label for an activity type, or the raw type when it is not known. */
export function getTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}
