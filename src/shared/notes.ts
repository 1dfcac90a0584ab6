// Notes, timeline pages and search results: the types and limits shared by core and renderer.
import type { TimelineEntry } from './domain';
import type { JobKind, JobState, Vendor } from './outbox';

export const noteKinds = ['note', 'finding', 'action', 'decision', 'command', 'status'] as const;
export type NoteKind = (typeof noteKinds)[number];

export const noteKindLabels: Record<NoteKind, string> = {
  note: 'Note',
  finding: 'Finding',
  action: 'Action taken',
  decision: 'Decision',
  command: 'Command',
  status: 'Status',
};

/** UTF-8 byte limits: ordinary notes stay small; pasted terminal output may be larger. */
export const NOTE_MAX_BYTES = 64 * 1024;
export const COMMAND_MAX_BYTES = 1024 * 1024;
export const noteLimitFor = (kind: NoteKind): number => (kind === 'command' ? COMMAND_MAX_BYTES : NOTE_MAX_BYTES);

/** Where a note may be shared; each maps to one outbox job kind. */
export const shareTargets = ['slack', 'pagerduty'] as const;
export type ShareTarget = (typeof shareTargets)[number];
export const shareJobKind: Record<ShareTarget, JobKind> = {
  slack: 'slack.postMessage',
  pagerduty: 'pagerduty.addNote',
};

/** One outbox job carrying a note to a vendor, as the notes pane shows it. */
export interface NoteShare {
  jobId: string;
  vendor: Vendor;
  state: JobState;
  lastError: string | null;
  updatedAt: string;
}

export interface Note {
  id: string;
  incidentId: string;
  kind: NoteKind;
  body: string;
  /** The roster person marked "me" when it was written; null when nobody was. */
  author: string | null;
  createdAt: string;
  editedAt: string | null;
  pinned: boolean;
  shares: NoteShare[];
  /** Opaque position of this note for keyset paging. */
  cursor: string;
}

export interface NoteRevision {
  rev: number;
  kind: NoteKind;
  body: string;
  /** When this version was written (the note's creation or an earlier edit). */
  writtenAt: string;
  /** When it was replaced by the next version; null for the current one. */
  replacedAt: string | null;
}

export interface Page<T> {
  items: T[];
  /** More items exist before the first / after the last of this page. */
  hasBefore: boolean;
  hasAfter: boolean;
}

export type NotePage = Page<Note> & { timeZone: string };
export type TimelinePage = Page<TimelineEntry & { cursor: string }> & { timeZone: string };

export interface NoteDraft {
  incidentId: string;
  kind: NoteKind;
  body: string;
  updatedAt: string;
}

export interface SearchHit {
  type: 'note' | 'timeline';
  incidentId: string;
  incidentTitle: string;
  noteId: string | null;
  entryId: string | null;
  kind: string;
  source: string;
  at: string;
  /** The matching passage split into plain and highlighted parts; render as text, never HTML. */
  snippet: Array<{ text: string; hit: boolean }>;
}

/** A search's answer: its hits, best first, and the typed prefixes that stood for too many words to search them all. */
export interface SearchResult {
  hits: SearchHit[];
  /**
   * Prefixes (as typed, folded) with more completions than a search reads: only their commonest words were searched,
   * so a hit with a rarer word may be missing. Typing more letters narrows them.
   */
  capped: string[];
}

/** Position of a timeline entry for keyset paging (the same format timeline.list returns). */
export const timelineCursor = (e: { at: string; id: string }): string => `${Date.parse(e.at)}.${e.id}`;

/** The text sent to Slack or PagerDuty for a shared note. */
export function shareText(kind: NoteKind, body: string): string {
  if (kind === 'note') return body;
  if (kind === 'command') return `${noteKindLabels.command}:\n\`\`\`\n${body}\n\`\`\``;
  return `${noteKindLabels[kind]}: ${body}`;
}

/** A kind typed by hand at the start of a note ("Decision: …", "Finding - …"). */
const KIND_PREFIX = /^\s*(decision|finding)\s*[:\-–—]\s*/i;

/**
 * The kind and body a note is saved with: a "Decision:" or "Finding:" prefix typed into a plain note (or a note of
 * that same kind) sets the kind and is taken out of the body, so it is not said twice wherever the kind is shown
 * (Slack, PagerDuty, the handoff brief, the report).
 */
export function kindFromPrefix(kind: NoteKind, body: string): { kind: NoteKind; body: string } {
  const m = KIND_PREFIX.exec(body);
  if (!m) return { kind, body };
  const typed = m[1]!.toLowerCase() as NoteKind;
  if (kind !== 'note' && kind !== typed) return { kind, body };
  const rest = body.slice(m[0].length);
  return rest.trim() === '' ? { kind, body } : { kind: typed, body: rest };
}
