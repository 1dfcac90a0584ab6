// Timeline operations and events: paged, filtered reading; report inclusion and summaries.
import { z } from 'zod';
import type { TimelineEntry } from '../domain';
import { timelineSources } from '../domain';
import type { TimelinePage } from '../notes';
import { id, storableText } from '../text';
import { event, op } from './define';
import { cursor } from './notes';

export const timelineOps = {
  'timeline.list': op<TimelinePage>()(
    'Page through an incident’s timeline ordered by original time. No cursor: the first (oldest) page. ' +
      'Filter with sources and kinds; before/after page from a cursor; around centres a page on an entry id.',
    z.strictObject({
      incidentId: id,
      sources: z.array(z.enum(timelineSources)).max(20).optional(),
      kinds: z.array(storableText(64, 'kind')).max(50).optional(),
      before: cursor.optional(),
      after: cursor.optional(),
      around: id.optional(),
      limit: z.number().int().min(1).max(500).optional().default(200),
    }),
  ),
  'timeline.setInReport': op<TimelineEntry>()(
    'Include or exclude a timeline entry from the report.',
    z.strictObject({ entryId: id, inReport: z.boolean() }),
  ),
  'timeline.setSummary': op<TimelineEntry>()(
    'Give a timeline entry a one-line summary for the report (empty clears it).',
    z.strictObject({
      entryId: id,
      summary: storableText(300, 'summary').refine((s) => !/[\r\n]/.test(s), {
        message: 'summary must be a single line',
      }),
    }),
  ),
  'timeline.setTimeZone': op<{ timeZone: string }>()(
    'Choose the timezone (an IANA name such as Europe/Berlin, or UTC) an incident’s times are shown in.',
    z.strictObject({
      incidentId: id,
      timeZone: z.string().regex(/^[A-Za-z0-9_+\-/]{1,64}$/, { message: 'not a timezone name' }),
    }),
  ),
};

export const timelineEvents = {
  'timeline.appended': event<TimelineEntry>(),
  'timeline.changed': event<TimelineEntry>(),
};
