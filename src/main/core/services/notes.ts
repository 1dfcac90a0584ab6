// Use cases for notes: append (the note and its outbox jobs in one transaction; the note is its own timeline entry,
// and search indexes it in a batch soon after), page, edit, pin, share, drafts.
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import {
  noteKindLabels,
  noteLimitFor,
  kindFromPrefix,
  shareJobKind,
  shareTargets,
  shareText,
  type Note,
  type NoteDraft,
  type NoteKind,
  type NotePage,
  type NoteRevision,
  type ShareTarget,
} from '../../../shared/notes';
import type { OutboxJob } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { incidentsRepo } from '../db/repos/incidents';
import { keysetPage, type KeysetRequest, type KeysetSource } from '../domain/keysetPage';
import { authorOf, noteCursor, notesRepo, parseNoteCursor, type NoteRow } from '../db/repos/notes';
import { outboxRepo } from '../db/repos/outbox';
import { timelineQueryRepo } from '../db/repos/timelineQuery';
import { incidentTimeZone, whoAmI } from '../domain/actor';
import type { ServiceDeps } from '../ports';

const iso = (ms: number) => new Date(ms).toISOString();
const kib = (n: number) => `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;

/** Refuses (never truncates) a body over its kind's byte limit, or one with nothing in it. */
export function checkBody(kind: NoteKind, body: string): void {
  if (body.trim() === '') throw new AppError('invalid_input', 'The note is empty: type something first.');
  const bytes = Buffer.byteLength(body, 'utf8');
  const limit = noteLimitFor(kind);
  if (bytes > limit) {
    const hint = kind === 'command' ? '' : ' Pasting terminal output? Use the Command kind, which allows 1 MiB.';
    throw new AppError(
      'too_large',
      `This ${noteKindLabels[kind].toLowerCase()} is ${kib(bytes)}; the limit is ${kib(limit)}. Nothing was saved ` +
        `and your text is kept.${hint}`,
      { bytes, limit },
    );
  }
}

export function notesService({ db, clock, ids, bus }: ServiceDeps) {
  const notes = notesRepo(db);
  const entries = timelineQueryRepo(db);
  const outbox = outboxRepo(db);
  const incidents = incidentsRepo(db);

  const shareOf = (j: OutboxJob): Note['shares'][number] => ({
    jobId: j.id,
    vendor: j.vendor,
    state: j.state,
    lastError: j.lastError,
    updatedAt: j.updatedAt,
  });

  /** The note as the renderer sees it; `jobs` when the caller already holds the note's share jobs. */
  const toNote = (r: NoteRow, jobs?: OutboxJob[]): Note => ({
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind,
    body: r.body,
    author: authorOf(r.author),
    createdAt: iso(r.created_at),
    editedAt: r.edited_at === null ? null : iso(r.edited_at),
    pinned: r.pinned === 1,
    shares: (jobs ?? outbox.forRef('note', r.id)).map(shareOf),
    cursor: noteCursor(r),
  });

  /** The note as the timeline shows it (the timeline_entries view's projection of a new note). */
  const noteEntry = (r: NoteRow): TimelineEntry => ({
    id: r.id,
    incidentId: r.incident_id,
    at: iso(r.created_at),
    source: 'note',
    kind: r.kind,
    body: r.body,
    actor: authorOf(r.author),
    refId: r.id,
    inReport: r.in_report === 1,
    summary: r.summary,
  });

  const mustGet = (noteId: string): NoteRow => {
    const row = notes.get(noteId);
    if (!row) throw new AppError('not_found', `No note with id ${noteId}.`);
    return row;
  };

  /** Inside a transaction: queues each requested target not already queued for this note. */
  const enqueueShares = (
    row: NoteRow,
    targets: Partial<Record<ShareTarget, boolean | undefined>>,
    at: number,
  ): OutboxJob[] => {
    const existing = outbox.forRef('note', row.id).filter((j) => j.state !== 'discarded');
    const jobs: OutboxJob[] = [];
    for (const target of shareTargets) {
      if (!targets[target]) continue;
      const kind = shareJobKind[target];
      if (existing.some((j) => j.kind === kind)) continue;
      const jobId = ids.next();
      const text = shareText(row.kind, row.body);
      if (kind === 'slack.postMessage') {
        outbox.enqueue({
          id: jobId,
          incidentId: row.incident_id,
          kind,
          payload: { text },
          refType: 'note',
          refId: row.id,
          at,
        });
      } else {
        outbox.enqueue({
          id: jobId,
          incidentId: row.incident_id,
          kind: 'pagerduty.addNote',
          payload: { content: text },
          refType: 'note',
          refId: row.id,
          at,
        });
      }
      const job = outbox.get(jobId);
      if (job) jobs.push(job);
    }
    return jobs;
  };

  /** A reused clientId is a retry only if it asks for what was saved (as first written, with the shares queued then).
   * */
  const assertSameAppend = (row: NoteRow, input: OpParsed<'notes.append'>) => {
    const first = notes.revisions(row.id)[0];
    const saved = first ? { kind: first.kind, body: first.body } : { kind: row.kind, body: row.body };
    const queued = new Set(
      outbox
        .forRef('note', row.id)
        .filter((j) => Date.parse(j.createdAt) === row.created_at)
        .map((j) => j.kind),
    );
    const differs: string[] = [];
    if (saved.body !== input.body) differs.push('body');
    if (saved.kind !== input.kind) differs.push(`kind (saved as ${saved.kind})`);
    if (shareTargets.some((t) => Boolean(input.share?.[t]) !== queued.has(shareJobKind[t]))) differs.push('share');
    if (differs.length === 0) return;
    const when = new Date(row.created_at).toISOString();
    throw new AppError(
      'conflict',
      `clientId ${input.clientId} was already used for note ${row.id} (saved ${when}), with a different ` +
        `${differs.join(', ')}. ` +
        'That note was kept as it was; send a new clientId to add another note, or edit or share the saved one.',
      { noteId: row.id, differs },
    );
  };

  const appendTx = db.transaction((input: OpParsed<'notes.append'>) => {
    if (input.clientId) {
      const again = notes.byClientId(input.incidentId, input.clientId);
      if (again) {
        assertSameAppend(again, input);
        return { row: again, entry: null, jobs: [] as OutboxJob[] };
      }
    }
    const at = clock.now();
    const id = ids.next();
    const author = whoAmI(db)?.name ?? null;
    let row: NoteRow;
    try {
      row = notes.insert({
        id,
        incidentId: input.incidentId,
        kind: input.kind,
        body: input.body,
        author,
        at,
        clientId: input.clientId ?? null,
      });
    } catch (err) {
      // The foreign key is the existence check (one probe inside the insert instead of a query before it).
      if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw new AppError('not_found', `No incident with id ${input.incidentId}.`);
      throw err;
    }
    const entry = noteEntry(row);
    const jobs = input.share ? enqueueShares(row, input.share, at) : [];
    notes.dropDraftIfBody(input.incidentId, input.body);
    return { row, entry, jobs };
  });

  const editTx = db.transaction((input: OpParsed<'notes.edit'>) => {
    const row = mustGet(input.noteId);
    const typed = kindFromPrefix(input.kind ?? row.kind, input.body);
    const kind = typed.kind;
    input = { ...input, body: typed.body };
    if (kind === row.kind && input.body === row.body) return { row, entry: null };
    checkBody(kind, input.body);
    const at = clock.now();
    notes.addRevision({
      noteId: row.id,
      kind: row.kind,
      body: row.body,
      writtenAt: row.edited_at ?? row.created_at,
      replacedAt: at,
    });
    notes.update(row.id, kind, input.body, at);
    return { row: mustGet(row.id), entry: entries.forRef('note', row.id) ?? null };
  });

  const shareTx = db.transaction((input: OpParsed<'notes.share'>) => {
    const row = mustGet(input.noteId);
    const jobs = enqueueShares(row, { slack: input.slack, pagerduty: input.pagerduty }, clock.now());
    return { row, jobs };
  });

  const emitJobs = (jobs: OutboxJob[]) => jobs.forEach((j) => bus.emit('outbox.changed', j));
  const emitEntry = (name: 'timeline.appended' | 'timeline.changed', e: TimelineEntry | null) => {
    if (e) bus.emit(name, e);
  };

  return {
    append(raw: OpParsed<'notes.append'>): Note {
      const input = { ...raw, ...kindFromPrefix(raw.kind, raw.body) };
      checkBody(input.kind, input.body);
      const { row, entry, jobs } = appendTx.immediate(input);
      // A new note's shares are exactly the jobs just queued; a replayed clientId reads them back.
      const note = toNote(row, entry ? jobs : undefined);
      if (entry) {
        bus.emit('notes.appended', note);
        emitEntry('timeline.appended', entry);
        emitJobs(jobs);
      }
      return note;
    },

    list(input: OpParsed<'notes.list'>): NotePage {
      const { incidentId, limit } = input;
      if (!incidents.get(incidentId)) throw new AppError('not_found', `No incident with id ${incidentId}.`);
      const position = (c: string) => {
        const p = parseNoteCursor(c);
        if (!p) throw new AppError('invalid_input', 'That cursor does not belong to a notes list.');
        return p;
      };
      let req: KeysetRequest<NoteRow> = {};
      if (input.around) {
        const centre = notes.get(input.around);
        if (!centre || centre.incident_id !== incidentId)
          throw new AppError('not_found', `No note ${input.around} in this incident.`);
        req = { around: { row: centre, pos: { at: centre.created_at, id: centre.id } } };
      } else if (input.before) req = { before: position(input.before) };
      else if (input.after) req = { after: position(input.after) };
      const source: KeysetSource<NoteRow> = {
        before: (p, n) => notes.before(incidentId, p.at, p.id, n),
        after: (p, n) => notes.after(incidentId, p.at, p.id, n),
        end: (n) => notes.latest(incidentId, n),
      };
      const { rows, hasBefore, hasAfter } = keysetPage(source, req, limit, 'newest');
      return { items: rows.map((r) => toNote(r)), hasBefore, hasAfter, timeZone: incidentTimeZone(db, incidentId) };
    },

    edit(input: OpParsed<'notes.edit'>): Note {
      const { row, entry } = editTx.immediate(input);
      const note = toNote(row);
      if (entry) {
        bus.emit('notes.changed', note);
        emitEntry('timeline.changed', entry);
      }
      return note;
    },

    history(input: OpParsed<'notes.history'>): NoteRevision[] {
      const row = mustGet(input.noteId);
      const earlier: NoteRevision[] = notes.revisions(row.id).map((r) => ({
        rev: r.rev,
        kind: r.kind,
        body: r.body,
        writtenAt: iso(r.written_at),
        replacedAt: iso(r.replaced_at),
      }));
      const current: NoteRevision = {
        rev: earlier.length + 1,
        kind: row.kind,
        body: row.body,
        writtenAt: iso(row.edited_at ?? row.created_at),
        replacedAt: null,
      };
      return [...earlier, current];
    },

    pin(input: OpParsed<'notes.pin'>): Note {
      mustGet(input.noteId);
      notes.setPinned(input.noteId, input.pinned);
      const note = toNote(mustGet(input.noteId));
      bus.emit('notes.changed', note);
      return note;
    },

    share(input: OpParsed<'notes.share'>): Note {
      const { row, jobs } = shareTx.immediate(input);
      const note = toNote(row);
      if (jobs.length) {
        bus.emit('notes.changed', note);
        emitJobs(jobs);
      }
      return note;
    },

    saveDraft(input: OpParsed<'notes.saveDraft'>): { draft: NoteDraft | null } {
      if (!incidents.get(input.incidentId)) throw new AppError('not_found', `No incident with id ${input.incidentId}.`);
      if (input.body.trim() === '') {
        notes.dropDraft(input.incidentId);
        return { draft: null };
      }
      const at = clock.now();
      notes.putDraft({ incidentId: input.incidentId, kind: input.kind, body: input.body, at });
      return { draft: { incidentId: input.incidentId, kind: input.kind, body: input.body, updatedAt: iso(at) } };
    },

    getDraft(input: OpParsed<'notes.getDraft'>): { draft: NoteDraft | null } {
      const d = notes.draft(input.incidentId);
      return {
        draft: d ? { incidentId: d.incident_id, kind: d.kind, body: d.body, updatedAt: iso(d.updated_at) } : null,
      };
    },
  };
}
