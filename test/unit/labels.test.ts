// The one table of human labels: every job kind and vendor has one, and timeline kinds read as words.
import { describe, expect, it } from 'vitest';
import { jobKindLabel, timelineKindLabel, vendorLabel } from '../../src/shared/labels';
import { jobKinds, vendors, vendorOf } from '../../src/shared/outbox';

describe('labels', () => {
  it('names every job kind after its vendor, and every vendor', () => {
    for (const k of jobKinds) expect(jobKindLabel(k)).toContain(vendorLabel(vendorOf(k)));
    expect(vendors.map(vendorLabel)).toEqual(['Slack', 'PagerDuty', 'Freshdesk']);
  });

  it("reads Conn's kinds, note kinds and imported vendor kinds as words", () => {
    expect(timelineKindLabel('step_done')).toBe('Step done');
    expect(timelineKindLabel('action')).toBe('Action taken');
    expect(timelineKindLabel('log.acknowledge_log_entry')).toBe('Acknowledge');
    expect(timelineKindLabel('message.channel_join')).toBe('Channel join');
    expect(timelineKindLabel('something_new')).toBe('Something new');
  });
});
