// Slack pacing in one place: posts to one Slack channel go at most one per `pacingMs`; everything else goes as fast
// as the vendor answers. The claim records when a post left, the send when it finished (the vendor counts
// arrivals: a slow request followed by a fast one would otherwise land less than the interval apart, and draw a 429).
import type { Head } from '../db/repos/outboxDispatch';
import type { IncidentLinks } from './links';

type Paceable = Pick<Head, 'kind' | 'incidentId'>;

/** The channel a post is paced on, or null for a job that is not paced. */
export const pacingKey = (job: Paceable, links: IncidentLinks): string | null =>
  job.kind === 'slack.postMessage' ? `slack:${links.slackChannelId ?? job.incidentId ?? '-'}` : null;

export interface Pacer {
  /** When a post under this key may next go out (`at` if the pacing does not hold it back). */
  readyFrom(key: string | null, at: number): number;
  /** A post under this key was claimed (or finished) at `at`: the next waits `pacingMs` from then. */
  posted(key: string | null, at: number): void;
}

export function createPacer(pacingMs: number): Pacer {
  const lastPost = new Map<string, number>(); // pacing key -> when the last post to it was claimed or finished
  return {
    readyFrom(key, at) {
      const last = key ? lastPost.get(key) : undefined;
      return last === undefined ? at : Math.max(at, last + pacingMs);
    },
    posted(key, at) {
      if (key) lastPost.set(key, Math.max(lastPost.get(key) ?? 0, at));
    },
  };
}
