// SQL for the report draft, its action items, and the incident facts the report reads (incidents, timeline).
import type Database from 'better-sqlite3';
import type { ReportStatus, TextSectionKey } from '../../../../shared/report';
import { perDb } from '../perDb';

export interface DraftRow {
  incident_id: string;
  title: string | null;
  owner: string;
  impact_start: number;
  impact_end: number | null;
  timezone: string;
  status: ReportStatus;
  overview: string | null;
  what_happened: string | null;
  resolution: string | null;
  lucky: string | null;
  went_well: string | null;
  went_badly: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface ItemRow {
  id: string;
  incident_id: string;
  position: number;
  what: string;
  done_when: string;
  owner: string;
  issue_url: string | null;
  repo: string | null;
  issue_number: number | null;
  issue_state: 'open' | 'closed' | null;
  issue_closed_at: number | null;
  issue_checked_at: number | null;
  issue_etag: string | null;
}

/** An item whose issue state Conn polls, with what the poll needs. */
export interface IssueToPoll {
  id: string;
  incident_id: string;
  issue_url: string;
  issue_etag: string | null;
  issue_state: 'open' | 'closed' | null;
}

/**
 * How much of an entry's body the proposals read: lineOf shows at most the first line (cut to 280 characters by the
 * proposals), or 400 characters of a public update after its greeting.
 */
export const BRIEF_LINE_CHARS = 600;
export const BRIEF_BODY_CHARS = 2000;

export interface ReportTimelineRow {
  id: string;
  at: number;
  kind: string;
  source: string;
  body: string;
  summary: string | null;
  actor: string | null;
}

export interface DebtRow {
  id: string;
  title: string;
  hub: string | null;
  status: string;
  report_status: ReportStatus | null;
}

/** Section key → column. A fixed map, so no column name ever comes from input. */
export const sectionColumns: Record<TextSectionKey, keyof DraftRow & string> = {
  overview: 'overview',
  whatHappened: 'what_happened',
  resolution: 'resolution',
  lucky: 'lucky',
  wentWell: 'went_well',
  wentBadly: 'went_badly',
};

/** The draft columns a patch may set, named once: DraftPatch and the prepared UPDATEs both come from it. */
const patchable = [
  'title',
  'owner',
  'impact_start',
  'impact_end',
  'timezone',
  'status',
  'overview',
  'what_happened',
  'resolution',
  'lucky',
  'went_well',
  'went_badly',
] as const satisfies ReadonlyArray<keyof DraftRow>;

export type DraftPatch = Partial<Pick<DraftRow, (typeof patchable)[number]>>;

export const reportRepo = perDb((db: Database.Database) => {
  const draft = db.prepare<[string], DraftRow>('SELECT * FROM report_drafts WHERE incident_id = ?');
  const create = db.prepare(
    `INSERT OR IGNORE INTO report_drafts (incident_id, owner, impact_start, timezone, created_at, updated_at)
     VALUES (@incidentId, @owner, @impactStart, @timezone, @at, @at)`,
  );
  const items = db.prepare<[string], ItemRow>(
    'SELECT * FROM report_action_items WHERE incident_id = ? ORDER BY position, id',
  );
  const item = db.prepare<[string, string], ItemRow>(
    'SELECT * FROM report_action_items WHERE incident_id = ? AND id = ?',
  );
  const nextPos = db.prepare<[string], { p: number }>(
    'SELECT COALESCE(MAX(position), 0) + 1 AS p FROM report_action_items WHERE incident_id = ?',
  );
  const insertItem = db.prepare(
    `INSERT INTO report_action_items (id, incident_id, position, what, done_when, owner, issue_url, repo, created_at,
      updated_at)
     VALUES (@id, @incidentId, @position, @what, @doneWhen, @owner, @issueUrl, @repo, @at, @at)`,
  );
  const updateItem = db.prepare(
    `UPDATE report_action_items SET what = @what, done_when = @doneWhen, owner = @owner, issue_url = @issueUrl,
      repo = @repo,
      -- Another issue link: what Conn knew about the old issue does not hold for the new one.
      issue_number = CASE WHEN issue_url IS @issueUrl THEN issue_number END,
      issue_state = CASE WHEN issue_url IS @issueUrl THEN issue_state END,
      issue_closed_at = CASE WHEN issue_url IS @issueUrl THEN issue_closed_at END,
      issue_checked_at = CASE WHEN issue_url IS @issueUrl THEN issue_checked_at END,
      issue_etag = CASE WHEN issue_url IS @issueUrl THEN issue_etag END,
      updated_at = @at
     WHERE incident_id = @incidentId AND id = @id`,
  );
  const deleteItem = db.prepare<[string, string]>('DELETE FROM report_action_items WHERE incident_id = ? AND id = ?');
  // The issue Conn opened: its link and number, open as GitHub answered (a hand-set link is not overwritten).
  const setIssue = db.prepare(
    `UPDATE report_action_items SET issue_url = @url, issue_number = @number, issue_state = @state,
      issue_checked_at = @at, issue_etag = NULL, updated_at = @at
     WHERE id = @id AND (issue_url IS NULL OR issue_url = @url)`,
  );
  const setIssueState = db.prepare(
    `UPDATE report_action_items SET issue_state = @state, issue_closed_at = @closedAt, issue_checked_at = @at,
      issue_etag = @etag
     WHERE id = @id AND issue_url = @url`,
  );
  const markChecked = db.prepare(
    'UPDATE report_action_items SET issue_checked_at = @at WHERE id = @id AND issue_url = @url',
  );
  // Issues whose state is worth asking about: the incident is not closed, or its report closed less than
  // `closedWithinMs` ago; the least recently checked first.
  const toPoll = db.prepare<{ before: number; closedSince: number; limit: number }, IssueToPoll>(
    `SELECT a.id, a.incident_id, a.issue_url, a.issue_etag, a.issue_state
     FROM report_action_items a
     JOIN incidents i ON i.id = a.incident_id
     JOIN report_drafts d ON d.incident_id = a.incident_id
     WHERE a.issue_url IS NOT NULL AND COALESCE(a.issue_checked_at, 0) <= @before
       AND (i.status <> 'closed' OR d.status <> 'closed' OR d.updated_at >= @closedSince)
     ORDER BY COALESCE(a.issue_checked_at, 0), a.id LIMIT @limit`,
  );
  const bump = db.prepare<[number, string]>(
    'UPDATE report_drafts SET version = version + 1, updated_at = ? WHERE incident_id = ?',
  );
  // One prepared UPDATE per column: the column list is fixed above, values are always parameters.
  const setColumn = Object.fromEntries(
    patchable.map((c) => [c, db.prepare(`UPDATE report_drafts SET ${c} = ? WHERE incident_id = ?`)]),
  ) as Record<(typeof patchable)[number], Database.Statement<[unknown, string]>>;
  const timeline = db.prepare<[string], ReportTimelineRow>(
    `SELECT id, at, kind, source, body, summary, NULLIF(actor, '') AS actor FROM timeline_entries
     WHERE incident_id = ? AND in_report = 1 ORDER BY at, id`,
  );
  const record = db.prepare<[string], ReportTimelineRow>(
    'SELECT id, at, kind, source, body, summary, actor FROM timeline_entries WHERE incident_id = ? ORDER BY at, id',
  );
  // Paged reads of the report's timeline (report.get shows one page; report.timeline pages on from a cursor).
  const COLS = "id, at, kind, source, body, summary, NULLIF(actor, '') AS actor";
  const IN_REPORT = 'incident_id = @incidentId AND in_report = 1';
  const pageFirst = db.prepare<Record<string, unknown>, ReportTimelineRow>(
    `SELECT ${COLS} FROM timeline_entries WHERE ${IN_REPORT} ORDER BY at, id LIMIT @limit`,
  );
  const pageBefore = db.prepare<Record<string, unknown>, ReportTimelineRow>(
    `SELECT ${COLS} FROM timeline_entries WHERE ${IN_REPORT} AND (at, id) < (@at, @id)
     ORDER BY at DESC, id DESC LIMIT @limit`,
  );
  const pageAfter = db.prepare<Record<string, unknown>, ReportTimelineRow>(
    `SELECT ${COLS} FROM timeline_entries WHERE ${IN_REPORT} AND (at, id) > (@at, @id) ORDER BY at, id LIMIT @limit`,
  );
  const count = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM timeline_entries WHERE incident_id = ? AND in_report = 1',
  );
  // What the proposals read: every entry marked for the report, with only the head of its body (a line of the
  // report never shows more than the first few hundred characters), so a long incident is not read whole.
  const BRIEF = `id, at, kind, source,
       substr(body, 1, CASE kind WHEN 'status_update' THEN ${BRIEF_BODY_CHARS} ELSE ${BRIEF_LINE_CHARS} END) AS body,
       summary, NULLIF(actor, '') AS actor`;
  const brief = db.prepare<[string], ReportTimelineRow>(
    `SELECT ${BRIEF} FROM timeline_entries WHERE incident_id = ? AND in_report = 1 ORDER BY at, id`,
  );
  // The digest's bounded reads (report/digest.ts): entries are picked by their (kind, source) pair, given as a JSON
  // array of 'kind<US>source' strings, so one prepared statement serves every role.
  const PAIR = 'kind || char(31) || source IN (SELECT value FROM json_each(@pairs))';
  // Counted on the view's two tables, not through the view: its UNION ALL runs as a co-routine handing every column
  // (bodies too) to the outer query, which made this count cost more than the rest of report.get.
  const groups = db.prepare<{ incidentId: string }, { kind: string; source: string; n: number }>(
    `SELECT kind, source, COUNT(*) AS n FROM timeline_events WHERE incident_id = @incidentId AND in_report = 1
     GROUP BY kind, source
     UNION ALL
     SELECT kind, 'note', COUNT(*) FROM notes WHERE incident_id = @incidentId AND in_report = 1 GROUP BY kind`,
  );
  const firstOf = db.prepare<Record<string, unknown>, ReportTimelineRow>(
    `SELECT ${BRIEF} FROM timeline_entries WHERE ${IN_REPORT} AND ${PAIR} ORDER BY at, id LIMIT @limit`,
  );
  const lastOf = db.prepare<Record<string, unknown>, ReportTimelineRow>(
    `SELECT ${BRIEF} FROM timeline_entries WHERE ${IN_REPORT} AND ${PAIR} ORDER BY at DESC, id DESC LIMIT 1`,
  );
  // The resolution's candidates: entries of the `always` pairs anywhere, the `arrow` pairs (status changes) whose
  // line may read "→ resolved", and the `after` pairs (the fix) after the last finding. Read from each of the view's
  // two tables and merged in order (as the counts are): through the view, every row of the incident crossed its
  // UNION ALL co-routine with its body, 25 ms of a first report.get on 12,000 entries, for the few rows kept.
  const resolutionIn = (table: 'timeline_events' | 'notes') => {
    const [at, source, actor] =
      table === 'notes' ? ['created_at', "CAST('note' AS TEXT)", 'author'] : ['at', 'source', 'actor'];
    return db.prepare<Record<string, unknown>, ReportTimelineRow>(
      `SELECT id, ${at} AS at, kind, ${source} AS source,
         substr(body, 1, CASE kind WHEN 'status_update' THEN ${BRIEF_BODY_CHARS} ELSE ${BRIEF_LINE_CHARS} END) AS body,
         summary, NULLIF(${actor}, '') AS actor
       FROM ${table} WHERE ${IN_REPORT} AND (
         kind || char(31) || ${source} IN (SELECT value FROM json_each(@always))
         OR (kind || char(31) || ${source} IN (SELECT value FROM json_each(@arrow))
             AND (instr(body, '→') > 0 OR instr(COALESCE(summary, ''), '→') > 0))
         OR ((${at}, id) > (@at, @id) AND kind || char(31) || ${source} IN (SELECT value FROM json_each(@after))))
       ORDER BY ${at}, id`,
    );
  };
  const resolutionEvents = resolutionIn('timeline_events');
  const resolutionNotes = resolutionIn('notes');
  /** Two lists each in (at, id) order, as one in that order (ids compare as SQLite compares them: byte-wise ASCII). */
  const merged = (a: ReportTimelineRow[], b: ReportTimelineRow[]): ReportTimelineRow[] => {
    const out: ReportTimelineRow[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      if (y === undefined || (x !== undefined && (x.at < y.at || (x.at === y.at && x.id < y.id)))) {
        out.push(x!);
        i++;
      } else {
        out.push(y);
        j++;
      }
    }
    return out;
  };
  const byIds = db.prepare<[string, string], ReportTimelineRow>(
    `SELECT id, at, kind, source, body, summary, actor FROM timeline_entries
     WHERE incident_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY at, id`,
  );
  const hubs = db.prepare<[], { hub: string }>('SELECT DISTINCT hub FROM incidents WHERE hub IS NOT NULL');
  // On the two tables for the same reason as the counts (a note's actor is its author).
  const actors = db.prepare<{ incidentId: string }, { actor: string }>(
    `SELECT DISTINCT actor FROM timeline_events WHERE incident_id = @incidentId AND actor IS NOT NULL AND actor <> ''
     UNION ALL
     SELECT DISTINCT author FROM notes WHERE incident_id = @incidentId AND author <> ''`,
  );
  const debt = db.prepare<[], DebtRow>(
    `SELECT i.id, i.title, i.hub, i.status, d.status AS report_status
     FROM incidents i LEFT JOIN report_drafts d ON d.incident_id = i.id
     WHERE i.status IN ('resolved', 'report_in_review', 'closed') AND COALESCE(d.status, 'draft') <> 'closed'
     ORDER BY i.declared_at DESC, i.id DESC`,
  );

  // Incidents whose impact began before @before with action items whose issue is still open, with their counts.
  const openItems = db.prepare<{ before: number }, DebtRow & { open: number; total: number }>(
    `SELECT i.id, i.title, i.hub, i.status, d.status AS report_status,
       SUM(a.issue_url IS NOT NULL AND a.issue_state = 'open') AS open, COUNT(*) AS total
     FROM report_action_items a
     JOIN report_drafts d ON d.incident_id = a.incident_id
     JOIN incidents i ON i.id = a.incident_id
     WHERE d.impact_start <= @before
     GROUP BY a.incident_id HAVING open > 0
     ORDER BY i.declared_at DESC, i.id DESC`,
  );

  return {
    draft: (incidentId: string) => draft.get(incidentId),
    openActionItems: (before: number) => openItems.all({ before }),
    /** Creates the draft if absent; returns whether it did. */
    ensure(d: { incidentId: string; owner: string; impactStart: number; timezone: string; at: number }): boolean {
      return create.run(d).changes === 1;
    },
    /** Applies the patch and bumps the version; call inside a transaction. */
    patch(incidentId: string, patch: DraftPatch, at: number): void {
      for (const c of patchable) {
        if (Object.prototype.hasOwnProperty.call(patch, c)) setColumn[c].run(patch[c] ?? null, incidentId);
      }
      bump.run(at, incidentId);
    },
    touch: (incidentId: string, at: number) => void bump.run(at, incidentId),
    items: (incidentId: string) => items.all(incidentId),
    item: (incidentId: string, id: string) => item.get(incidentId, id),
    addItem(i: {
      id: string;
      incidentId: string;
      what: string;
      doneWhen: string;
      owner: string;
      issueUrl: string | null;
      repo: string | null;
      at: number;
    }) {
      insertItem.run({ ...i, position: nextPos.get(i.incidentId)?.p ?? 1 });
    },
    updateItem(i: {
      id: string;
      incidentId: string;
      what: string;
      doneWhen: string;
      owner: string;
      issueUrl: string | null;
      repo: string | null;
      at: number;
    }) {
      updateItem.run(i);
    },
    removeItem: (incidentId: string, id: string) => deleteItem.run(incidentId, id).changes === 1,
    /** Records the issue a job opened; false when the item is gone or already links another issue. */
    setIssue: (i: { id: string; url: string; number: number; state: 'open' | 'closed'; at: number }) =>
      setIssue.run(i).changes === 1,
    /** A poll's answer: the state (with its ETag), or, on a 304, only that it was checked. */
    setIssueState: (i: {
      id: string;
      url: string;
      state: 'open' | 'closed';
      closedAt: number | null;
      etag: string | null;
      at: number;
    }) => setIssueState.run(i).changes === 1,
    markIssueChecked: (i: { id: string; url: string; at: number }) => void markChecked.run(i),
    issuesToPoll: (o: { before: number; closedSince: number; limit: number }) => toPoll.all(o),
    timeline: (incidentId: string) => timeline.all(incidentId),
    /** Every timeline entry of the incident, in the report or not (what the fact checker reads against). */
    record: (incidentId: string) => record.all(incidentId),
    timelineFirst: (incidentId: string, limit: number) => pageFirst.all({ incidentId, limit }),
    timelineBefore: (incidentId: string, pos: { at: number; id: string }, limit: number) =>
      pageBefore.all({ incidentId, limit, ...pos }).reverse(),
    timelineAfter: (incidentId: string, pos: { at: number; id: string }, limit: number) =>
      pageAfter.all({ incidentId, limit, ...pos }),
    timelineCount: (incidentId: string) => count.get(incidentId)?.n ?? 0,
    timelineBrief: (incidentId: string) => brief.all(incidentId),
    /** How many entries marked for the report each (kind, source) pair has. */
    pairCounts: (incidentId: string) => groups.all({ incidentId }),
    /** The first `limit` entries (body heads) of these 'kind<US>source' pairs, oldest first. */
    firstOfPairs: (incidentId: string, pairs: readonly string[], limit: number) =>
      pairs.length === 0 ? [] : firstOf.all({ incidentId, pairs: JSON.stringify(pairs), limit }),
    /** The last entry (body head) of these pairs. */
    lastOfPairs: (incidentId: string, pairs: readonly string[]) =>
      pairs.length === 0 ? null : (lastOf.get({ incidentId, pairs: JSON.stringify(pairs) }) ?? null),
    /** Candidates for the proposed resolution (body heads), oldest first; the caller keeps those that close. */
    resolutionCandidates: (
      incidentId: string,
      p: { always: string[]; arrow: string[]; after: string[]; from: { at: number; id: string } | null },
    ) => {
      const params = {
        incidentId,
        always: JSON.stringify(p.always),
        arrow: JSON.stringify(p.arrow),
        after: JSON.stringify(p.from ? p.after : []),
        at: p.from?.at ?? 0,
        id: p.from?.id ?? '',
      };
      return merged(resolutionEvents.all(params), resolutionNotes.all(params));
    },
    /** The incident's entries with these ids (cited by a section), in the report or not. */
    entriesById: (incidentId: string, ids: readonly string[]) =>
      ids.length === 0 ? [] : byIds.all(incidentId, JSON.stringify(ids)),
    knownHubs: () => hubs.all().map((r) => r.hub),
    /** Everyone who acted on the incident's timeline, sorted (the order the report's cache keeps them in too). */
    actors: (incidentId: string) => [...new Set(actors.all({ incidentId }).map((r) => r.actor))].sort(),
    debt: () => debt.all(),
  };
});
export type ReportRepo = ReturnType<typeof reportRepo>;
