// Notes operations and events: append (durable before the answer), page, edit with history, pin, share, drafts.
import { z } from 'zod';
import { noteKinds, type Note, type NoteDraft, type NotePage, type NoteRevision } from '../notes';
import { id, storableText } from '../text';
import { event, op } from './define';

// Characters bound only: the exact UTF-8 byte limit per kind is enforced by the notes service.
const body = storableText(2 * 1024 * 1024, 'body');
export const cursor = z.string().regex(/^\d{1,16}\.[0-9A-Za-z_-]{1,64}$/, { message: 'not a valid cursor' });
const kind = z.enum(noteKinds);
const share = z.strictObject({ slack: z.boolean().optional(), pagerduty: z.boolean().optional() });

export const noteOps = {
  'notes.append': op<Note>()(
    'Append a note to an incident (kinds: note, finding, action, decision, command, status). Answers after it is on ' +
      'disk. share queues it for Slack and/or PagerDuty; clientId makes retries idempotent.',
    z.strictObject({
      incidentId: id,
      body,
      kind: kind.optional().default('note'),
      share: share.optional(),
      clientId: id.optional(),
    }),
  ),
  'notes.list': op<NotePage>()(
    'Page through an incident’s notes in time order. No cursor: the newest page. before/after: the page next to a ' +
      'cursor; around: a page centred on a note id.',
    z.strictObject({
      incidentId: id,
      before: cursor.optional(),
      after: cursor.optional(),
      around: id.optional(),
      limit: z.number().int().min(1).max(500).optional().default(100),
    }),
  ),
  'notes.edit': op<Note>()(
    'Change a note’s text (and optionally its kind). The earlier version is kept in its history.',
    z.strictObject({ noteId: id, body, kind: kind.optional() }),
  ),
  'notes.history': op<NoteRevision[]>()(
    'Every version of a note, oldest first, the current one last.',
    z.strictObject({ noteId: id }),
  ),
  'notes.pin': op<Note>()('Pin or unpin a note.', z.strictObject({ noteId: id, pinned: z.boolean() })),
  'notes.share': op<Note>()(
    'Share an existing note to Slack and/or PagerDuty (queued in the outbox; a target already queued is not queued ' +
      'twice).',
    z.strictObject({ noteId: id, slack: z.boolean().optional(), pagerduty: z.boolean().optional() }),
  ),
  'notes.saveDraft': op<{ draft: NoteDraft | null }>()(
    'Keep the unsent text of an incident’s note box so it survives a crash or quit. An empty body removes the draft.',
    z.strictObject({
      incidentId: id,
      body: storableText(2 * 1024 * 1024, 'body'),
      kind: kind.optional().default('note'),
    }),
  ),
  'notes.getDraft': op<{ draft: NoteDraft | null }>()(
    'The saved unsent note text for an incident, if any.',
    z.strictObject({ incidentId: id }),
  ),
};

export const noteEvents = {
  'notes.appended': event<Note>(),
  'notes.changed': event<Note>(),
};
