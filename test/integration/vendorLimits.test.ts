// RELIABILITY §6 B-4: vendor limits end to end. The simulators answer over-limit requests the way the real APIs do
// (Slack msg_too_long / too_many_users, PagerDuty 400), and long notes shared through the outbox arrive as labelled
// parts (Slack) or visibly truncated text (PagerDuty), never as a vendor error.
import { describe, expect, it } from 'vitest';
import { PD_NOTE_MAX, PD_TITLE_MAX } from '../../src/main/core/outbox/vendors/pagerduty';
import { SLACK_PART_MAX } from '../../src/main/core/outbox/vendors/slack';
import { TRUNCATED } from '../../src/main/core/outbox/vendors/common';
import { chars, SIM_LIMITS } from '../simulators/limits';
import { useSimulators, type SimCore } from '../helpers/simCore';

const suite = useSimulators();
let t: SimCore | undefined;

const EMOJI = '😀';
const labelRe = /\n_\(part (\d+) of (\d+)\)_$/;
let channelId = '';
/** The channel the test's slack.createChannel job made (the seeded account has other inc- channels). */
const incChannel = () => suite.sim.state.slack.channels.find((c) => c.id === channelId)!;
const madeChannel = (job: { result: unknown }) => (channelId = (job.result as { channelId: string }).channelId);
/** Every answer a vendor gave that was not a success (Slack: ok:false on HTTP 200). */
const vendorErrors = () =>
  suite.sim
    .requests()
    .filter(
      (r) => (r.status ?? 0) >= 400 || (r.vendor === 'slack' && (r.response as { ok?: boolean } | null)?.ok === false),
    );

async function slack(method: string, args: Record<string, string>) {
  const res = await fetch(`${suite.sim.urls.slack}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${suite.sim.tokens.slack}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(args).toString(),
  });
  return (await res.json()) as { ok: boolean; error?: string; channel?: { id: string } };
}
async function pd(method: string, path: string, body: unknown) {
  const res = await fetch(`${suite.sim.urls.pagerduty}${path}`, {
    method,
    headers: {
      authorization: `Token token=${suite.sim.tokens.pagerduty}`,
      'content-type': 'application/json',
      from: suite.sim.fromEmail,
      accept: 'application/vnd.pagerduty+json;version=2',
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { incident?: { id: string }; error?: { code: number; errors?: string[] } },
  };
}
const pdIncident = (title: string, key: string) =>
  pd('POST', '/incidents', {
    incident: { type: 'incident', title, service: { id: 'PSVC001', type: 'service_reference' }, incident_key: key },
  });

describe('the simulators enforce the vendor limits as the real APIs answer', () => {
  it('Slack chat.postMessage: 40 000 characters pass (emoji count once), 40 001 → msg_too_long', async () => {
    const ch = (await slack('conversations.create', { name: 'limits' })).channel!.id;
    expect(
      await slack('chat.postMessage', { channel: ch, text: EMOJI.repeat(SIM_LIMITS.slackText - 1) }),
    ).toMatchObject({ ok: true });
    suite.sim.state.slack.rate.buckets.clear();
    expect(await slack('chat.postMessage', { channel: ch, text: EMOJI.repeat(SIM_LIMITS.slackText) })).toMatchObject({
      ok: true,
    });
    suite.sim.state.slack.rate.buckets.clear();
    expect(await slack('chat.postMessage', { channel: ch, text: EMOJI.repeat(SIM_LIMITS.slackText + 1) })).toEqual(
      expect.objectContaining({ ok: false, error: 'msg_too_long' }),
    );
  });

  it('Slack conversations.invite: 100 ids pass, 101 → too_many_users', async () => {
    const ch = (await slack('conversations.create', { name: 'invites' })).channel!.id;
    const ids = (n: number) => ['U0ALICE01', ...Array.from({ length: n - 1 }, (_, i) => `U0NOBODY${i}`)].join(',');
    expect(await slack('conversations.invite', { channel: ch, users: ids(101), force: 'true' })).toMatchObject({
      ok: false,
      error: 'too_many_users',
    });
    expect(await slack('conversations.invite', { channel: ch, users: ids(100), force: 'true' })).toMatchObject({
      ok: true,
    });
  });

  it('PagerDuty: titles up to 1 024 characters, notes up to 25 000; one more → 400', async () => {
    expect((await pdIncident(EMOJI.repeat(SIM_LIMITS.pdTitle + 1), 'k1')).status).toBe(400);
    const ok = await pdIncident(EMOJI.repeat(SIM_LIMITS.pdTitle), 'k2');
    expect(ok.status).toBe(201);
    const id = ok.body.incident!.id;
    expect(
      (await pd('POST', `/incidents/${id}/notes`, { note: { content: '事'.repeat(SIM_LIMITS.pdNote + 1) } })).body
        .error,
    ).toMatchObject({ code: 2001 });
    expect(
      (await pd('POST', `/incidents/${id}/notes`, { note: { content: '事'.repeat(SIM_LIMITS.pdNote) } })).status,
    ).toBe(201);
  });
});

describe('long text through the outbox arrives without a vendor error', () => {
  /** An incident with its Slack channel and PagerDuty incident already made. */
  async function linked(): Promise<string> {
    t = suite.core();
    const inc = t.incident();
    const ch = t.enqueue(inc.id, 'slack.createChannel', { name: 'x' });
    t.enqueue(inc.id, 'pagerduty.createIncident', { title: inc.title });
    expect((await t.drain()).map((j) => j.state)).toEqual(['sent', 'sent']);
    madeChannel(t.job(ch));
    suite.sim.state.slack.rate.burst = 1000; // this test is about size, not pacing
    suite.sim.clearRequests();
    return inc.id;
  }

  /** Parts in channel order: each within the limit, labelled i of n, together the whole text (but whitespace at cuts).
   * */
  function expectParts(text: string): string[] {
    const msgs = incChannel().messages.map((m) => m.text);
    msgs.forEach((m, i) => {
      expect(chars(m)).toBeLessThanOrEqual(SLACK_PART_MAX);
      expect(m).toMatch(labelRe);
      expect(labelRe.exec(m)!.slice(1).map(Number)).toEqual([i + 1, msgs.length]);
    });
    const joined = msgs.map((m) => m.replace(labelRe, '')).join('');
    expect(joined.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    return msgs;
  }

  const a10000Character =
    'a 10 000-character note shared to Slack and PagerDuty: three labelled Slack parts, the whole note on PagerDuty';
  it(a10000Character, async () => {
    const incidentId = await linked();
    const para = `Rolled back 事件 ${EMOJI} ${'the spawner restarts cleanly now '.repeat(30)}`.trim();
    let body = '';
    while (chars(body) < 10_000) body += `${para}\n\n`;
    body = Array.from(body).slice(0, 10_000).join('');
    expect(chars(body)).toBe(10_000);
    const note = await t!.core.services.notes.append({
      incidentId,
      body,
      kind: 'note',
      share: { slack: true, pagerduty: true },
    });
    const jobs = await t!.drain();
    expect(jobs.filter((j) => j.refId === note.id).map((j) => [j.kind, j.state])).toEqual([
      ['slack.postMessage', 'sent'],
      ['pagerduty.addNote', 'sent'],
    ]);
    expect(vendorErrors()).toEqual([]);
    expect(expectParts(body)).toHaveLength(3);
    const [pdNote] = suite.sim.state.pagerduty.notes.get(suite.sim.state.pagerduty.incidents[0]!.id)!;
    expect(pdNote!.content.startsWith(body)).toBe(true);
  });

  const a60000Character =
    'a 60 000-character note (over Slack’s hard 40 000): 16 Slack parts; PagerDuty gets 25 000 characters ending in ' +
    '"…"';
  it(a60000Character, async () => {
    const incidentId = await linked();
    const body = Array.from({ length: 600 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(89)}`).join(
      '\n',
    );
    expect(body.length).toBe(60_000 - 1);
    const note = await t!.core.services.notes.append({
      incidentId,
      body,
      kind: 'note',
      share: { slack: true, pagerduty: true },
    });
    const jobs = await t!.drain(60_000);
    expect(jobs.filter((j) => j.refId === note.id).map((j) => j.state)).toEqual(['sent', 'sent']);
    expect(vendorErrors()).toEqual([]);
    expect(expectParts(body).length).toBe(16);
    const [pdNote] = suite.sim.state.pagerduty.notes.get(suite.sim.state.pagerduty.incidents[0]!.id)!;
    expect(chars(pdNote!.content)).toBeLessThanOrEqual(PD_NOTE_MAX);
    expect(chars(pdNote!.content)).toBeGreaterThan(PD_NOTE_MAX - 200);
    const [kept, marker] = pdNote!.content.split('\n\n[conn:');
    expect(kept!.endsWith(TRUNCATED)).toBe(true);
    expect(body.startsWith(kept!.slice(0, -TRUNCATED.length))).toBe(true);
    expect(marker).toBe(`${jobs.find((j) => j.refId === note.id && j.kind === 'pagerduty.addNote')!.id}]`);
  });

  const aPagerdutyTitleOf =
    'a PagerDuty title of 2 000 emoji arrives as 1 024 characters ending in "…", not cut inside an emoji';
  it(aPagerdutyTitleOf, async () => {
    t = suite.core();
    const inc = t.incident();
    const job = t.enqueue(inc.id, 'pagerduty.createIncident', { title: EMOJI.repeat(2000) });
    await t.drain();
    expect(t.job(job).state).toBe('sent');
    expect(vendorErrors()).toEqual([]);
    const title = suite.sim.state.pagerduty.incidents[0]!.title;
    expect(chars(title)).toBe(PD_TITLE_MAX);
    expect(title).toBe(`${EMOJI.repeat(PD_TITLE_MAX - 1)}…`);
  });

  it('a channel for 150 people is made with invites of at most 100 ids per call', async () => {
    t = suite.core();
    const people = Array.from({ length: 150 }, (_, i) => `U0P${String(i).padStart(6, '0')}`);
    suite.sim.state.slack.users.push(
      ...people.map((id) => ({
        id,
        name: id.toLowerCase(),
        real_name: id,
        email: `${id}@conn-sim.example`,
        is_bot: false,
      })),
    );
    const inc = t.incident();
    const job = t.enqueue(inc.id, 'slack.createChannel', { name: 'x', inviteUserIds: people });
    await t.drain();
    expect(t.job(job).state).toBe('sent');
    expect(vendorErrors()).toEqual([]);
    madeChannel(t.job(job));
    expect(incChannel().members.size).toBe(151);
    const invites = suite.sim.requests({ path: '/api/conversations.invite' });
    expect(invites.map((r) => String((r.body as { users: string }).users).split(',').length)).toEqual([100, 50]);
  });
});
