// Human words for every job kind, timeline kind and vendor: never a raw identifier on screen or in a report.
import { describe, expect, it } from 'vitest';
import { jobKindLabel, sourceLabel, timelineKindLabel, vendorLabel } from '../../src/shared/labels';
import { timelineSources } from '../../src/shared/domain';
import { noteKinds } from '../../src/shared/notes';
import { jobKinds, vendors } from '../../src/shared/outbox';

const raw = /[._]|^[a-z]/;

describe('labels', () => {
  it('names every job kind, vendor and source in words', () => {
    for (const k of jobKinds) expect(jobKindLabel(k), k).not.toMatch(raw);
    for (const v of vendors) expect(vendorLabel(v), v).not.toMatch(raw);
    for (const s of timelineSources) expect(sourceLabel(s), s).not.toMatch(raw);
    expect(jobKindLabel('freshdesk.reply')).toBe('Reply on the ticket');
  });

  it('names the timeline kinds Conn writes and the ones it imports', () => {
    const kinds = [
      ...noteKinds,
      'declared',
      'classified',
      'status_changed',
      'reopened',
      'step_started',
      'step_done',
      'step_skipped',
      'step_blocked',
      'step_reopened',
      'action_queued',
      'role_assigned',
      'role_removed',
      'status_update',
      'handoff',
      'cadence_changed',
      'message',
      'reply',
      'ticket.opened',
      'conversation.incoming',
      'conversation.reply',
      'conversation.note',
      'log.trigger_log_entry',
      'message.channel_join',
      'something_new',
    ];
    for (const k of kinds) expect(timelineKindLabel(k), k).not.toMatch(raw);
    expect(timelineKindLabel('conversation.incoming')).toBe('Message from the community');
    expect(timelineKindLabel('role_assigned')).toBe('Role assigned');
    expect(timelineKindLabel('log.trigger_log_entry')).toBe('PagerDuty: trigger');
  });
});
