// The incident's published report as Conn knows it now: one reader for the publish service (the report tab's
// publication) and the checklist (the reply that shares the report's link).
import type Database from 'better-sqlite3';
import { reportLinkOf, type PublishedReport } from '../../../shared/publish';
import { checklistRepo } from '../db/repos/checklist';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { reportPullFrom } from '../outbox/links';

export interface PublishedNow {
  /** The pull request (or files) as the last sent `github.publishReport` left it. */
  pull: PublishedReport;
  /** Published on the default branch: merged when it was sent, or confirmed since by the `report_published` check. */
  merged: boolean;
  /** The link the community gets: the file on the default branch once merged, else the pull request. */
  link: string | null;
}

/** The report's publication from the incident's sent jobs and checklist, or null before any publish was sent. */
export function publishedReportOf(db: Database.Database, incidentId: string): PublishedNow | null {
  const pull = reportPullFrom(outboxDispatchRepo(db).sentResults(incidentId));
  if (!pull) return null;
  const mergedByCheck = checklistRepo(db)
    .list(incidentId)
    .some((s) => s.check?.type === 'report_published' && s.state === 'done' && s.doneVia === 'check');
  const merged = mergedByCheck || pull.state === 'merged';
  return { pull, merged, link: reportLinkOf(pull, merged) };
}
