// GitHub in the timeline: the issues and pull requests an incident's record links, with their title and state.
import { z } from 'zod';
import type { GitHubItem } from '../githubLinks';
import { id } from '../text';
import { event, op } from './define';

export interface GitHubItems {
  incidentId: string;
  /** False without a GitHub connection: links stay plain links. */
  connected: boolean;
  items: GitHubItem[];
  /** Set while GitHub's rate limit holds the polling back: when it asks again (ISO-8601). */
  pausedUntil: string | null;
}

export const githubLinkOps = {
  'github.listLinks': op<GitHubItems>()(
    'The GitHub issues and pull requests linked from an incident’s notes, Slack messages and ticket replies, as last ' +
      'read from GitHub (title, open/closed/merged, when).',
    z.strictObject({ incidentId: id }),
  ),
  'github.checkLinks': op<GitHubItems>()(
    'Read every linked GitHub issue and pull request of an incident now ' +
      '(conditional requests: an unchanged one costs ' +
      'nothing), adding a timeline entry for each new opened/merged/closed moment. Waits while a rate limit holds.',
    z.strictObject({ incidentId: id }),
  ),
};

export const githubLinkEvents = {
  'github.linksChanged': event<GitHubItems>(),
};
