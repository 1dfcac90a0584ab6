// Use cases for taking over command on this machine: build a local session from the shared systems
// (PagerDuty incident, Slack channel, the brief, the Freshdesk ticket), then make the local user commander.
import type { OpParsed } from '../../../shared/contract';
import type { Incident } from '../../../shared/domain';
import type { TakeoverPreview } from '../../../shared/ops/handoff';
import { AppError } from '../../../shared/result';
import { checklistRepo } from '../db/repos/checklist';
import { incidentLinksRepo } from '../db/repos/incidentLinks';
import { peopleRepo } from '../db/repos/people';
import { freshdeskTicketUrl, isVendorError, type PdIncident, type VendorClients } from '../integrations';
import { need, type ClientsPort } from '../importer/clients';
import { discoverTargets, isBrief, pagerdutyIdFrom } from '../importer/discover';
import { asAppError } from '../importer/errors';
import { readRecord } from '../importer/record';
import type { ChecklistService } from './checklist';
import type { IncidentsService } from './incidents';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import type { RecordImportService } from './recordImport';
import type { RolesService } from './roles';

export interface TakeoverDeps extends ServiceDeps {
  clients: ClientsPort;
  incidents: IncidentsService;
  roles: RolesService;
  checklist: ChecklistService;
  recordImport: RecordImportService;
  freshdeskDomain: () => string | null;
}

const MARKERS = /\s*(<!--\s*)?\[conn:[A-Za-z0-9_-]+\](\s*-->)?/g;
const clean = (s: string) => s.replace(MARKERS, '').trim();

async function readPdIncident(clients: VendorClients, id: string): Promise<PdIncident> {
  const pd = need(clients, 'pagerduty');
  try {
    return await pd.getIncident(id);
  } catch (err) {
    if (isVendorError(err) && err.kind === 'not_found') throw new AppError('not_found', `PagerDuty has no incident ${id} (or this token cannot see it). Check the id or URL.`);
    if (isVendorError(err) && (err.kind === 'permission' || err.kind === 'auth'))
      throw new AppError('forbidden', `The PagerDuty token cannot read incident ${id}: ${asAppError(err).message}`);
    throw asAppError(err, `Reading PagerDuty incident ${id}`);
  }
}

export function takeoverService(d: TakeoverDeps) {
  const { db, clock } = d;
  const links = incidentLinksRepo(db);
  const people = peopleRepo(db);
  const steps = checklistRepo(db);

  async function gather(input: OpParsed<'takeover.import'>) {
    const c = d.clients();
    let pdId: string | null = null;
    let slackId: string | null = null;
    let slackName: string | null = null;
    const texts: Array<{ at: string; text: string }> = [];
    if ('pagerdutyIncident' in input) pdId = pagerdutyIdFrom(input.pagerdutyIncident);
    else {
      const slack = need(c, 'slack');
      const ref = input.slackChannel.replace(/^#/, '');
      try {
        if (/^C[A-Z0-9]{6,}$/.test(ref)) slackId = ref;
        else {
          const ch = await slack.findChannelByName(ref);
          if (!ch) throw new AppError('not_found', `Slack has no channel #${ref} that this bot can see.`);
          slackId = ch.id;
          slackName = ch.name;
        }
        for (const m of await slack.history(slackId)) texts.push({ at: m.ts, text: m.text ?? '' });
      } catch (err) {
        throw asAppError(err, `Reading Slack channel ${input.slackChannel}`);
      }
      pdId = discoverTargets(texts.map((t) => t.text)).pagerdutyIncidentId;
    }
    const pd = pdId && c.pagerduty ? await readPdIncident(c, pdId) : null;
    if (pd) {
      try {
        const notes = await c.pagerduty!.listNotes(pd.id);
        for (const n of notes) texts.push({ at: n.created_at, text: n.content });
      } catch (err) {
        throw asAppError(err, `Reading the notes of PagerDuty incident ${pd.id}`);
      }
    }
    texts.sort((a, b) => (a.at < b.at ? 1 : -1));
    const found = discoverTargets(texts.map((t) => t.text));
    if (!slackId && found.slackChannelId) slackId = found.slackChannelId;
    slackName = slackName ?? found.slackChannelName;
    if (!slackId && slackName && c.slack) {
      const ch = await c.slack.findChannelByName(slackName).catch(() => null);
      slackId = ch?.id ?? null;
    }
    const brief = texts.find((t) => isBrief(t.text));
    const domain = d.freshdeskDomain();
    const ticketUrl = found.ticketUrl ?? (found.ticketId && domain ? freshdeskTicketUrl(domain, found.ticketId) : null);
    let ticket: TakeoverPreview['ticket'] = null;
    if (found.ticketId && c.freshdesk) {
      const t = await c.freshdesk.getTicket(found.ticketId).catch(() => null);
      if (t) ticket = { id: t.id, url: ticketUrl ?? '', subject: t.subject };
    }
    return { c, pd, slackId, slackName, brief: brief ? clean(brief.text) : null, ticketUrl, ticketId: found.ticketId, ticket };
  }

  return {
    async import(input: OpParsed<'takeover.import'>): Promise<TakeoverPreview> {
      const g = await gather(input);
      if (!g.pd && !g.slackId) throw new AppError('not_found', 'Nothing to take over: no PagerDuty incident or Slack channel was found.');
      const warnings: string[] = [];
      if (!g.pd) warnings.push('No PagerDuty incident was found for this channel (or PagerDuty is not connected).');
      if (!g.slackId) warnings.push('No Slack channel was found for this incident (or Slack is not connected).');
      if (!g.ticketId) warnings.push('No Freshdesk ticket is linked in what was shared.');
      if (!g.brief) warnings.push('No handoff brief was found in the PagerDuty notes or the Slack channel.');
      let entries;
      try {
        entries = await readRecord(g.c, { pagerdutyIncidentId: g.pd?.id, slackChannelId: g.slackId, freshdeskTicketId: g.c.freshdesk ? g.ticketId : null });
      } catch (err) {
        throw asAppError(err, 'Reading the incident record');
      }

      const known = (g.pd && links.byPagerDuty(g.pd.id)) || (g.slackId && links.bySlackChannel(g.slackId)) || undefined;
      let incident: Incident;
      if (known) incident = d.incidents.get(known.incidentId);
      else {
        incident = d.incidents.declare({
          title: g.pd?.title ?? `Incident in #${g.slackName ?? g.slackId}`,
          ticketUrl: g.ticketUrl ?? undefined,
          impactStart: g.pd ? new Date(Math.min(Date.parse(g.pd.created_at), clock.now())).toISOString() : undefined,
        });
        const status = g.pd?.status === 'resolved' ? 'resolved' : 'active';
        incident = d.incidents.setStatus({ incidentId: incident.id, status, note: 'taken over from the shared systems' });
        // Until the local user confirms, the commander is whoever handed off (named in the brief), else the
        // PagerDuty assignee when that is someone else.
        const me = whoAmI(db);
        const roster = people.list();
        const fromName = g.brief ? /^(.+?) is handing command to /m.exec(g.brief)?.[1]?.trim() : undefined;
        const assignee = g.pd?.assignments[0]?.assignee.id;
        const prev =
          (fromName ? roster.find((p) => p.name === fromName) : undefined) ??
          (assignee ? roster.find((p) => p.pagerdutyUserId === assignee && p.id !== me?.id) : undefined);
        if (prev && prev.id !== me?.id) d.roles.assign(incident.id, 'incident_commander', prev.id);
      }
      links.put(
        { incidentId: incident.id, pagerdutyIncidentId: g.pd?.id ?? null, pagerdutyUrl: g.pd?.html_url ?? null, slackChannelId: g.slackId, slackChannelName: g.slackName },
        clock.now(),
      );
      if (!known) {
        // What already exists at the vendors is done: the checklist must not create a second incident or channel.
        for (const s of steps.list(incident.id)) {
          const t = s.action?.type;
          const done =
            (t === 'trigger_pagerduty' && g.pd) ||
            (t === 'create_slack_channel' && g.slackId) ||
            (t === 'acknowledge_pagerduty' && g.pd && g.pd.status !== 'triggered');
          if (done && (s.state === 'todo' || s.state === 'in_progress' || s.state === 'blocked')) {
            d.checklist.transition('complete', { incidentId: incident.id, stepId: s.stepId, reason: 'already done: found in the shared systems at take-over' });
          }
        }
      }
      const result = d.recordImport.write(incident.id, entries);
      return {
        incident: d.incidents.get(incident.id),
        existing: !!known,
        pagerduty: g.pd
          ? { id: g.pd.id, url: g.pd.html_url, title: g.pd.title, status: g.pd.status, service: g.pd.service.summary ?? g.pd.service.id, assignees: g.pd.assignments.map((a) => a.assignee.summary ?? a.assignee.id) }
          : null,
        slackChannel: g.slackId ? { id: g.slackId, name: g.slackName } : null,
        ticket: g.ticket ?? (g.ticketId ? { id: g.ticketId, url: g.ticketUrl ?? '', subject: '' } : null),
        brief: g.brief,
        imported: { fetched: result.fetched, added: result.added },
        warnings,
      };
    },
    confirm(input: OpParsed<'takeover.confirm'>): Incident {
      d.incidents.get(input.incidentId);
      if (!input.confirmed) throw new AppError('conflict', 'Confirm that you are taking command (and that the previous commander knows) first.', { reason: 'not_confirmed' });
      const me = whoAmI(db);
      if (!me) throw new AppError('conflict', 'Conn does not know who you are yet: pick yourself in the roster (people.setMe) first.', { reason: 'no_me' });
      d.roles.assign(input.incidentId, 'incident_commander', me.id);
      return d.incidents.get(input.incidentId);
    },
  };
}
export type TakeoverService = ReturnType<typeof takeoverService>;
