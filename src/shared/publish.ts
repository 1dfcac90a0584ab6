// The report published by pull request: what `github.publishReport` leaves behind, and the state the report view
// shows (not published / publishing / pull request open / merged = published).
import { z } from 'zod';

/** What `github.publishReport` returns; the incident's links (`reportPull`) and the report view read it. */
export const publishedReport = z.object({
  repo: z.string(),
  branch: z.string(),
  defaultBranch: z.string(),
  /** The repository's web address (the file links are built from it). */
  repoUrl: z.string(),
  number: z.number().int().nullable(),
  url: z.string().nullable(),
  /** `merged`: the files are on the default branch as published (no pull request left to open). */
  state: z.enum(['open', 'merged', 'closed']),
  files: z.array(z.object({ path: z.string(), sha: z.string() })),
});
export type PublishedReport = z.infer<typeof publishedReport>;

/** A published file's address on the default branch (what the community is sent once the pull request is merged). */
export const fileUrlOn = (r: Pick<PublishedReport, 'repoUrl' | 'defaultBranch'>, path: string): string =>
  `${r.repoUrl.replace(/\/+$/, '')}/blob/${encodeURIComponent(r.defaultBranch)}/` +
  path.split('/').map(encodeURIComponent).join('/');

/** The report's address on the default branch once merged: its Markdown file (else its first), or null with none. */
export function mergedReportUrl(r: PublishedReport): string | null {
  const md = r.files.find((f) => f.path.endsWith('.md')) ?? r.files[0];
  return md ? fileUrlOn(r, md.path) : null;
}

/** The report's link for the community: the Markdown file once merged, the pull request while open. */
export function reportLinkOf(r: PublishedReport, merged: boolean): string | null {
  const onDefault = merged || r.state === 'merged' ? mergedReportUrl(r) : null;
  return onDefault ?? r.url;
}

export type PublicationState = 'not_published' | 'publishing' | 'failed' | 'open' | 'merged';

/** The report's publication as the report view shows it. */
export interface ReportPublication {
  state: PublicationState;
  /** Whether GitHub is connected (without it, Publish explains and offers the local export). */
  connected: boolean;
  /** The reports repository and folder from the GitHub settings. */
  repo: string | null;
  branch: string | null;
  pullNumber: number | null;
  pullUrl: string | null;
  /** The link the community gets: the file on the default branch once merged, else the pull request. */
  link: string | null;
  /** The latest publish job (its progress), if any. */
  jobId: string | null;
  jobState: string | null;
  /** Why the last publish failed or waits, in plain words. */
  error: string | null;
  /** When the last publish was sent (ISO). */
  publishedAt: string | null;
}
