// The handoff brief's content, who may receive command, the working-hours warning, and the jobs a handoff writes.
import { describe, expect, it } from 'vitest';
import { buildBrief, parseBrief } from '../../../src/main/core/handoff/brief';
import type { HandoffFacts, HandoffPerson } from '../../../src/main/core/handoff/facts';
import {
  handoffJobs,
  handoffPartLabel,
  isOutsideWorkingHours,
  validateHandoff,
} from '../../../src/main/core/handoff/rules';
import { jobPayloads } from '../../../src/shared/outbox';

const person = (id: string, name: string, over: Partial<HandoffPerson> = {}): HandoffPerson => ({
  id,
  name,
  timeZone: 'UTC',
  pagerdutyUserId: `PD-${id}`,
  slackUserId: null,
  freshdeskAgentId: null,
  ...over,
});

const facts = (over: Partial<HandoffFacts> = {}): HandoffFacts => ({
  incident: {
    id: 'i1',
    title: 'Servers will not start',
    hub: 'uw-hub',
    affectedHubs: ['uw-hub', 'uw-staging'],
    status: 'active',
    declaredAt: '2026-11-26T09:05:00Z',
  },
  from: person('sam', 'Sam'),
  to: person('ana', 'Ana', { timeZone: 'Australia/Sydney' }),
  currentState: 'New servers start; about 30 users still see a spinner.',
  hypothesis: 'The image pull is throttled by the registry.',
  tried: [
    { at: '2026-11-26T09:20:00Z', text: 'Restarted the hub pod', result: 'no change' },
    { at: '2026-11-26T10:02:00Z', text: 'Raised the node pool\nquota', result: null },
  ],
  openSteps: [
    { title: 'Move the image to the regional mirror', owner: 'Kai' },
    { title: 'Check registry rate limits', owner: null },
  ],
  smes: [
    { name: 'Kai', area: 'Tech Lead' },
    { name: 'Lee', area: null },
  ],
  liaison: { name: 'Sam', movesToNewCommander: true },
  nextUpdateDueAt: '2026-11-26T13:00:00Z',
  links: {
    pagerduty: 'https://example.pagerduty.com/incidents/P1',
    slackChannel: 'https://example.slack.com/archives/C1',
    ticket: null,
  },
  timeZone: 'UTC',
  ...over,
});

describe('parseBrief', () => {
  it('reads back who handed command to whom from what buildBrief wrote, as the vendors return it', () => {
    const both = { from: 'Sam', to: 'Ana', hub: 'uw-hub', affectedHubs: ['uw-hub', 'uw-staging'] };
    expect(parseBrief(buildBrief(facts()))).toEqual(both);
    // Slack and PagerDuty give it back with Conn's marker appended.
    expect(parseBrief(`${buildBrief(facts())}\n\n[conn:job1]`)).toEqual(both);
    expect(parseBrief(buildBrief(facts({ to: null })))).toEqual({ ...both, to: null });
    expect(parseBrief('Mirror throttling confirmed')).toBeNull();
  });

  it('carries the blast radius, also when a vendor renders the list with other bullets', () => {
    const md = buildBrief(facts());
    expect(md).toContain('## Blast radius\n- Hub: uw-hub\n- Affected hubs: uw-hub, uw-staging\n');
    expect(parseBrief(md.replace(/^- /gm, '• '))?.affectedHubs).toEqual(['uw-hub', 'uw-staging']);
    const none = facts();
    none.incident = { ...none.incident, hub: null, affectedHubs: [] };
    expect(buildBrief(none)).not.toContain('Blast radius');
    expect(parseBrief(buildBrief(none))).toMatchObject({ hub: null, affectedHubs: [] });
    const hubOnly = facts();
    hubOnly.incident = { ...hubOnly.incident, affectedHubs: [] };
    expect(buildBrief(hubOnly)).toContain('- Affected hubs: _none recorded_');
    expect(parseBrief(buildBrief(hubOnly))).toMatchObject({ hub: 'uw-hub', affectedHubs: [] });
  });
});

describe('buildBrief', () => {
  it('contains state, hypothesis, what was tried, open steps with owners, SMEs, next update and links', () => {
    const md = buildBrief(facts());
    expect(md).toContain('# Handoff: Servers will not start (uw-hub)');
    expect(md).toContain('Sam is handing command to Ana.');
    expect(md).toContain('## Current state\nNew servers start; about 30 users still see a spinner.');
    expect(md).toContain('**Working hypothesis:** The image pull is throttled by the registry.');
    expect(md).toContain('- 26 Nov, 09:20 UTC: Restarted the hub pod → no change');
    expect(md).toContain('- 26 Nov, 10:02 UTC: Raised the node pool quota\n');
    expect(md).toContain('- [ ] Move the image to the regional mirror (Kai)');
    expect(md).toContain('- [ ] Check registry rate limits (nobody on it yet)');
    expect(md).toContain('- Subject Matter Experts: Kai (Tech Lead), Lee');
    expect(md).toContain('- Community liaison: moves to Ana');
    expect(md).toContain('Due by 26 Nov, 13:00 UTC.');
    expect(md).toContain('- PagerDuty incident: https://example.pagerduty.com/incidents/P1');
    expect(md).toContain('- Ticket: _not linked_');
    // Sections in a fixed order.
    const order = [
      '## Current state',
      '## What has been tried',
      '## Open steps',
      '## People',
      '## Next status update',
      '## Links',
    ];
    expect(order.map((h) => md.indexOf(h))).toEqual([...order.map((h) => md.indexOf(h))].sort((a, b) => a - b));
  });

  it('says plainly when things are not known yet, and uses the brief’s one timezone', () => {
    const md = buildBrief(
      facts({
        to: null,
        currentState: null,
        hypothesis: null,
        tried: [],
        openSteps: [],
        smes: [],
        liaison: null,
        nextUpdateDueAt: null,
        timeZone: 'Europe/Berlin',
      }),
    );
    expect(md).toContain('(new commander not chosen yet)');
    expect(md).toContain('_No status recorded yet._');
    expect(md).toContain('**Working hypothesis:** _none yet_');
    expect(md).toContain('_Nothing recorded yet._');
    expect(md).toContain('_No open steps._');
    expect(md).toContain('_none involved yet_');
    expect(md).toContain('No update is owed');
    expect(md).toContain('declared 26 Nov, 10:05 Europe/Berlin');
    expect(md).not.toContain('liaison');
  });
});

describe('validateHandoff', () => {
  const ok = { from: 'sam', to: 'ana', confirmed: true, pagerdutyConnected: true, toHasPagerdutyUser: true };
  it.each([
    [{ ...ok, to: null }, 'to_nobody'],
    [{ ...ok, to: '' }, 'to_nobody'],
    [{ ...ok, to: 'sam' }, 'to_self'],
    [{ ...ok, toHasPagerdutyUser: false }, 'no_pagerduty_user'],
    [{ ...ok, confirmed: false }, 'not_confirmed'],
  ])('refuses %o with %s and a reason', (input, reason) => {
    const v = validateHandoff(input);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.reason).toBe(reason);
      expect(v.message.length).toBeGreaterThan(20);
    }
  });

  it('accepts a confirmed handoff, and one without a PagerDuty user when PagerDuty is not connected', () => {
    expect(validateHandoff(ok)).toEqual({ ok: true });
    expect(validateHandoff({ ...ok, pagerdutyConnected: false, toHasPagerdutyUser: false })).toEqual({ ok: true });
  });
});

describe('isOutsideWorkingHours', () => {
  const hours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
  const thu1200utc = Date.parse('2026-11-26T12:00:00Z');
  it('judges in the person’s own timezone', () => {
    expect(isOutsideWorkingHours('Europe/London', hours, thu1200utc)).toBe(false); // 12:00
    expect(isOutsideWorkingHours('Australia/Sydney', hours, thu1200utc)).toBe(true); // 23:00
    expect(isOutsideWorkingHours('America/Los_Angeles', hours, thu1200utc)).toBe(true); // 04:00
    expect(isOutsideWorkingHours('Asia/Kolkata', hours, thu1200utc)).toBe(true); // 17:30, just after 17:00
    expect(isOutsideWorkingHours('Asia/Kolkata', hours, thu1200utc - 3600_000)).toBe(false); // 16:30
  });
  it('counts the weekend as outside, on the local date', () => {
    // Friday 23:30 UTC is already Saturday in Tokyo.
    expect(
      isOutsideWorkingHours(
        'Asia/Tokyo',
        { ...hours, end: '23:59', start: '00:00' },
        Date.parse('2026-11-27T23:30:00Z'),
      ),
    ).toBe(true);
    expect(
      isOutsideWorkingHours('UTC', { ...hours, end: '23:59', start: '00:00' }, Date.parse('2026-11-27T23:30:00Z')),
    ).toBe(false);
  });
});

describe('handoffJobs', () => {
  const base = {
    brief: '# Handoff',
    to: { name: 'Ana', pagerdutyUserId: 'PANA', freshdeskAgentId: 42 },
    linked: { pagerduty: true, slack: true, freshdesk: true },
    liaisonMoves: false,
  };
  it('reassigns on PagerDuty, adds the brief as a note and posts it to Slack', () => {
    expect(handoffJobs(base)).toEqual([
      { kind: 'pagerduty.reassign', payload: { assigneeUserId: 'PANA' }, label: 'Reassign the PagerDuty incident' },
      { kind: 'pagerduty.addNote', payload: { content: '# Handoff' }, label: 'Add the brief as a PagerDuty note' },
      { kind: 'slack.postMessage', payload: { text: '# Handoff' }, label: 'Post the brief in the Slack channel' },
    ]);
  });
  it('moves the ticket and notes it on PagerDuty when the liaison duty moves', () => {
    const jobs = handoffJobs({ ...base, liaisonMoves: true });
    expect(jobs.map((j) => j.kind)).toEqual([
      'pagerduty.reassign',
      'pagerduty.addNote',
      'slack.postMessage',
      'freshdesk.updateTicket',
      'pagerduty.addNote',
    ]);
    expect(jobs[3]).toEqual({
      kind: 'freshdesk.updateTicket',
      payload: { responderId: 42 },
      label: 'Assign the ticket to the new liaison',
    });
    expect(JSON.stringify(jobs[4])).toContain('Ana');
    // The stored job labels the same way: the brief note and the liaison note differ by what they say.
    expect(jobs[4]!.label).toBe('Note on PagerDuty that the liaison duty moved');
    expect(handoffPartLabel({ kind: 'pagerduty.addNote', payload: jobs[4]!.payload })).toBe(jobs[4]!.label);
    expect(
      handoffPartLabel({ kind: 'pagerduty.addNote', payload: { content: 'A brief without the usual heading' } }),
    ).toBe('Add the brief as a PagerDuty note');
  });
  it('writes nothing for integrations the incident is not linked to; every payload is valid', () => {
    const jobs = handoffJobs({
      ...base,
      liaisonMoves: true,
      linked: { pagerduty: false, slack: true, freshdesk: false },
    });
    expect(jobs.map((j) => j.kind)).toEqual(['slack.postMessage']);
    for (const j of handoffJobs({ ...base, liaisonMoves: true }))
      expect(() => jobPayloads[j.kind].parse(j.payload)).not.toThrow();
  });
});
