// Use cases for taking over command on this machine: preview what the shared systems hold (PagerDuty incident,
// Slack channel, the brief, the Freshdesk ticket) without writing anything, then on Confirm build the local session
// and make the local user commander. Three stages: gather (async, vendors only) → planTakeover (pure) → one write
// transaction (writeTakeover), so a crash midway leaves either nothing or the whole taken-over incident.
import type { OpParsed } from '../../../shared/contract';
import type { Incident } from '../../../shared/domain';
import type { Person } from '../../../shared/people';
import type { ChecksRun } from '../../../shared/ops/checks';
import type { BackfillStarted } from '../../../shared/ops/backfill';
import type { TakeoverDone, TakeoverPreview } from '../../../shared/ops/handoff';
import type { SourceOutcome } from '../../../shared/ops/recordImport';
import { AppError } from '../../../shared/result';
import { checklistRepo } from '../db/repos/checklist';
import { incidentLinksRepo } from '../db/repos/incidentLinks';
import { peopleRepo } from '../db/repos/people';
import { freshdeskTicketUrl, isVendorError, type PdIncident, type VendorClients } from '../integrations';
import { need, type ClientsPort } from '../importer/clients';
import { discoverTargets, isBrief, pagerdutyIdFrom } from '../importer/discover';
import { asAppError, sourceOutcomes } from '../importer/errors';
import { withoutSharedEchoes } from '../importer/echoes';
import { gitHubHostsOf, gitHubLinksIn, readRecordBySource, type RecordEntry } from '../importer/record';
import type { ChecklistService } from './checklist';
import type { ChecksService } from './checks';
import type { IncidentsService } from './incidents';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import { parseBrief } from '../handoff/brief';
import type { RecordImportService } from './recordImport';
import type { RolesService } from './roles';
import type { ScopeService } from './scope';

export interface TakeoverDeps extends ServiceDeps {
  clients: ClientsPort;
  incidents: IncidentsService;
  roles: RolesService;
  checklist: ChecklistService;
  recordImport: RecordImportService;
  checks: Pick<ChecksService, 'run'>;
  scope: Pick<ScopeService, 'setIncluded' | 'knownHub'>;
  freshdeskDomain: () => string | null;
}

const PREVIEW_TTL_MS = 30 * 60_000;
const MAX_PREVIEWS = 20;

const MARKERS = /\s*(<!--\s*)?\[conn:[A-Za-z0-9_-]+\](\s*-->)?/g;
const clean = (s: string) => s.replace(MARKERS, '').trim();

async function readPdIncident(clients: VendorClients, id: string): Promise<PdIncident> {
  const pd = need(clients, 'pagerduty');
  try {
    return await pd.getIncident(id);
  } catch (err) {
    if (isVendorError(err) && err.kind === 'not_found')
      throw new AppError(
        'not_found',
        `PagerDuty has no incident ${id} (or this token cannot see it). Check the id or URL.`,
      );
    if (isVendorError(err) && (err.kind === 'permission' || err.kind === 'auth'))
      throw new AppError('forbidden', `The PagerDuty token cannot read incident ${id}: ${asAppError(err).message}`);
    throw asAppError(err, `Reading PagerDuty incident ${id}`);
  }
}

/** What the gathering found that the plan needs (the vendors' side). */
export interface TakeoverFacts {
  pd: PdIncident | null;
  slackId: string | null;
  slackName: string | null;
  brief: string | null;
  ticketUrl: string | null;
}

/** The local side read just before planning. */
export interface LocalState {
  /** The local incident already linked to this PagerDuty incident or channel, if any. */
  knownIncidentId: string | null;
  roster: readonly Person[];
  meId: string | null;
  now: number;
}

/** Checklist actions the vendors already show as done, by what was found. */
type DoneAction = 'trigger_pagerduty' | 'create_slack_channel' | 'acknowledge_pagerduty';

/** Everything confirming (or materialising) a preview writes, decided before the write transaction opens. */
export interface TakeoverPlan {
  /** The incident to create, or null when it is already here (`existingId`). */
  create: {
    title: string;
    ticketUrl?: string;
    impactStart?: string;
    status: 'active' | 'resolved';
    /** The commander before this one (who handed off, else the PagerDuty assignee), shown passing command. */
    previousCommanderId: string | null;
    /** Steps whose action the vendors already show as done: completed, so nothing is created twice. */
    doneActions: DoneAction[];
    /** The hub and blast radius the handoff brief names (empty without a brief). */
    hub: string | null;
    affectedHubs: string[];
  } | null;
  existingId: string | null;
  link: {
    pagerdutyIncidentId: string | null;
    pagerdutyUrl: string | null;
    slackChannelId: string | null;
    slackChannelName: string | null;
  };
  /** Who becomes commander (the local user on Confirm); null when materialising a past incident. */
  commanderId: string | null;
}

/** Pure: what to write for these facts and this local state. */
export function planTakeover(g: TakeoverFacts, local: LocalState, takeCommand: boolean): TakeoverPlan {
  const link = {
    pagerdutyIncidentId: g.pd?.id ?? null,
    pagerdutyUrl: g.pd?.html_url ?? null,
    slackChannelId: g.slackId,
    slackChannelName: g.slackName,
  };
  const commanderId = takeCommand ? local.meId : null;
  if (local.knownIncidentId) return { create: null, existingId: local.knownIncidentId, link, commanderId };
  // The commander before this one: whoever handed off (named in the brief), else the PagerDuty assignee when that
  // is someone else. The timeline then shows command passing from them.
  const parsed = g.brief ? parseBrief(g.brief) : null;
  const fromName = parsed?.from;
  const assignee = g.pd?.assignments[0]?.assignee.id;
  const prev =
    (fromName ? local.roster.find((p) => p.name === fromName) : undefined) ??
    (assignee ? local.roster.find((p) => p.pagerdutyUserId === assignee && p.id !== local.meId) : undefined);
  const doneActions: DoneAction[] = [];
  if (g.pd) doneActions.push('trigger_pagerduty');
  if (g.slackId) doneActions.push('create_slack_channel');
  if (g.pd && g.pd.status !== 'triggered') doneActions.push('acknowledge_pagerduty');
  return {
    create: {
      title: g.pd?.title ?? `Incident in #${g.slackName ?? g.slackId}`,
      ticketUrl: g.ticketUrl ?? undefined,
      impactStart: g.pd ? new Date(Math.min(Date.parse(g.pd.created_at), local.now)).toISOString() : undefined,
      status: g.pd?.status === 'resolved' ? 'resolved' : 'active',
      previousCommanderId: prev && prev.id !== local.meId ? prev.id : null,
      doneActions,
      hub: parsed?.hub ?? null,
      affectedHubs: parsed?.affectedHubs ?? [],
    },
    existingId: null,
    link,
    commanderId,
  };
}

const OPEN_STEP = new Set(['todo', 'in_progress', 'blocked']);

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
    const gatherWarnings: string[] = [];
    if (pd) {
      try {
        const notes = await c.pagerduty!.listNotes(pd.id);
        for (const n of notes) texts.push({ at: n.created_at, text: n.content });
      } catch (err) {
        // The notes only help find the brief and the other targets: the take-over goes on without them.
        gatherWarnings.push(
          `${asAppError(err, `Reading the notes of PagerDuty incident ${pd.id}`).message} The brief and links in ` +
            `them were not read.`,
        );
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
    return {
      c,
      pd,
      slackId,
      slackName,
      brief: brief ? clean(brief.text) : null,
      ticketUrl,
      ticketId: found.ticketId,
      ticket,
      gatherWarnings,
    };
  }

  type Gathered = Awaited<ReturnType<typeof gather>>;
  interface Pending {
    g: Gathered;
    entries: RecordEntry[];
    sources: SourceOutcome[];
    /** What the gathering found missing (no ticket, no brief...); failed sources are added when answering. */
    warnings: string[];
    at: number;
  }
  /** Previews waiting for Confirm, by id: nothing is written before it. Kept in memory for a while, a few at most. */
  const pending = new Map<string, Pending>();
  const forget = () => {
    const now = clock.now();
    for (const [k, v] of pending) if (now - v.at > PREVIEW_TTL_MS) pending.delete(k);
    while (pending.size >= MAX_PREVIEWS) pending.delete(pending.keys().next().value as string);
  };
  const targetsOf = (g: Gathered) => ({
    pagerdutyIncidentId: g.pd?.id,
    slackChannelId: g.slackId,
    freshdeskTicketId: g.c.freshdesk ? g.ticketId : null,
    // The GitHub issues and pull requests the record links (found in what the other sources read).
    githubLinks: g.c.github ? [] : null,
  });
  function livePreview(previewId: string): Pending {
    const p = pending.get(previewId);
    if (!p || clock.now() - p.at > PREVIEW_TTL_MS) {
      throw new AppError(
        'not_found',
        'That preview is gone (Conn restarted or it is over 30 minutes old). Import the incident again.',
      );
    }
    return p;
  }
  /** Creates (or finds) the local incident of a preview, links it, marks what exists as done, imports the record. */
  function build(p: Pending, takeCommand: boolean) {
    const known = knownIncident(p.g);
    const plan = planTakeover(
      p.g,
      {
        knownIncidentId: known?.incidentId ?? null,
        roster: people.list(),
        meId: whoAmI(db)?.id ?? null,
        now: clock.now(),
      },
      takeCommand,
    );
    const { incident, result } = writeTakeover(plan, p);
    return { incident, known, result };
  }

  /**
   * The one write of a take-over: every service call below joins this transaction (theirs nest as savepoints) and
   * their events are held until it commits. A failure anywhere rolls all of it back and announces nothing.
   */
  function writeTakeover(plan: TakeoverPlan, p: Pending) {
    return d.bus.afterCommit(() => writeTx.immediate(plan, p));
  }
  const writeTx = db.transaction((plan: TakeoverPlan, p: Pending) => {
    let incident: Incident;
    if (plan.create) {
      const c = plan.create;
      incident = d.incidents.declare({
        title: c.title,
        ticketUrl: c.ticketUrl,
        impactStart: c.impactStart,
        hub: c.hub ?? undefined,
      });
      // The blast radius travels in the brief; hubs this machine's registry does not know are named in the preview.
      for (const hubId of c.affectedHubs.filter(d.scope.knownHub)) {
        d.scope.setIncluded({ incidentId: incident.id, hubId, included: true });
      }
      incident = d.incidents.setStatus({
        incidentId: incident.id,
        status: c.status,
        note: 'taken over from the shared systems',
      });
      if (c.previousCommanderId) d.roles.assign(incident.id, 'incident_commander', c.previousCommanderId);
    } else incident = d.incidents.get(plan.existingId!);
    links.put({ incidentId: incident.id, ...plan.link }, clock.now());
    // What already exists at the vendors is done: the checklist must not create a second incident or channel.
    const done = new Set<string>(plan.create?.doneActions ?? []);
    for (const s of plan.create ? steps.list(incident.id) : []) {
      if (s.action && done.has(s.action.type) && OPEN_STEP.has(s.state)) {
        d.checklist.transition('complete', {
          incidentId: incident.id,
          stepId: s.stepId,
          reason: 'already done: found in the shared systems at take-over',
        });
      }
    }
    const result = d.recordImport.write(incident.id, p.entries, p.sources);
    if (plan.commanderId) d.roles.assign(incident.id, 'incident_commander', plan.commanderId);
    return { incident, result };
  });
  function previewOf(previewId: string, p: Pending): TakeoverPreview {
    const { g } = p;
    const known = knownIncident(g);
    const failed = p.sources
      .filter((f) => f.status === 'failed')
      .map((f) => `${f.reason} Use "Retry" to read it again.`);
    return {
      previewId,
      title: g.pd?.title ?? `Incident in #${g.slackName ?? g.slackId}`,
      incident: known ? d.incidents.get(known.incidentId) : null,
      existing: !!known,
      pagerduty: g.pd
        ? {
            id: g.pd.id,
            url: g.pd.html_url,
            title: g.pd.title,
            status: g.pd.status,
            service: g.pd.service.summary ?? g.pd.service.id,
            assignees: g.pd.assignments.map((a) => a.assignee.summary ?? a.assignee.id),
          }
        : null,
      slackChannel: g.slackId ? { id: g.slackId, name: g.slackName } : null,
      ticket: g.ticket ?? (g.ticketId ? { id: g.ticketId, url: g.ticketUrl ?? '', subject: '' } : null),
      brief: g.brief,
      record: { entries: withoutSharedEchoes(p.entries).length },
      sources: p.sources,
      warnings: [...p.warnings, ...failed],
    };
  }
  const knownIncident = (g: Gathered) =>
    (g.pd && links.byPagerDuty(g.pd.id)) || (g.slackId && links.bySlackChannel(g.slackId)) || undefined;

  return {
    /** Reads the shared systems and answers what taking over would bring; writes nothing. */
    async import(input: OpParsed<'takeover.import'>): Promise<TakeoverPreview> {
      const g = await gather(input);
      if (!g.pd && !g.slackId)
        throw new AppError('not_found', 'Nothing to take over: no PagerDuty incident or Slack channel was found.');
      const warnings: string[] = [...g.gatherWarnings];
      if (!g.pd) warnings.push('No PagerDuty incident was found for this channel (or PagerDuty is not connected).');
      if (!g.slackId) warnings.push('No Slack channel was found for this incident (or Slack is not connected).');
      if (!g.ticketId) warnings.push('No Freshdesk ticket is linked in what was shared.');
      if (!g.brief) warnings.push('No handoff brief was found in the PagerDuty notes or the Slack channel.');
      const unknownHubs = (g.brief ? (parseBrief(g.brief)?.affectedHubs ?? []) : []).filter(
        (h) => !d.scope.knownHub(h),
      );
      if (unknownHubs.length) {
        warnings.push(
          `The brief names affected hubs this machine's hub registry does not have (${unknownHubs.join(', ')}); ` +
            `import the registry on the Hubs screen, then add them to the blast radius.`,
        );
      }
      // Each source is read or fails on its own: a broken PagerDuty page must not lose the Slack and Freshdesk parts.
      const read = await readRecordBySource(g.c, targetsOf(g));
      forget();
      const previewId = d.ids.next();
      const p: Pending = {
        g,
        entries: read.entries,
        sources: sourceOutcomes(read.read, read.failures),
        warnings,
        at: clock.now(),
      };
      pending.set(previewId, p);
      return previewOf(previewId, p);
    },

    /** Reads again only the failed sources of a preview; what was read before is kept. Writes nothing. */
    async retry(input: OpParsed<'takeover.retry'>): Promise<TakeoverPreview> {
      const p = livePreview(input.previewId);
      const again = new Set(
        input.sources.filter((x) => p.sources.some((o) => o.source === x && o.status === 'failed')),
      );
      if (again.size === 0) return previewOf(input.previewId, p);
      const t = targetsOf(p.g);
      const read = await readRecordBySource(p.g.c, {
        pagerdutyIncidentId: again.has('pagerduty') ? t.pagerdutyIncidentId : undefined,
        slackChannelId: again.has('slack') ? t.slackChannelId : null,
        freshdeskTicketId: again.has('freshdesk') ? t.freshdeskTicketId : null,
        // GitHub again: the links in what was read before.
        githubLinks:
          again.has('github') && t.githubLinks
            ? gitHubLinksIn(
                p.entries.map((e) => e.body),
                gitHubHostsOf(p.g.c),
              )
            : null,
      });
      const redone = new Map(sourceOutcomes(read.read, read.failures).map((o) => [o.source, o]));
      p.entries = [...p.entries, ...read.entries].sort(
        (a, b) => a.at.localeCompare(b.at) || a.vendorRef.localeCompare(b.vendorRef),
      );
      p.sources = p.sources.map((o) => redone.get(o.source) ?? o);
      return previewOf(input.previewId, p);
    },

    /**
     * Builds the incident of a preview here with its whole record, without taking command: a past incident whose
     * report is still owed. Answers the preview with the incident it now has.
     */
    materialise(previewId: string): BackfillStarted {
      const p = livePreview(previewId);
      const { incident, result } = build(p, false);
      pending.delete(previewId);
      return {
        ...previewOf(previewId, p),
        incident: d.incidents.get(incident.id),
        imported: { fetched: result.fetched, added: result.added },
      };
    },

    /**
     * Takes command of a previewed incident: creates it here (or finds it), imports its record, makes the local user
     * commander, and asks the vendors at once which checked steps are already done.
     */
    async confirm(input: OpParsed<'takeover.confirm'>): Promise<TakeoverDone> {
      const p = livePreview(input.previewId);
      if (!input.confirmed)
        throw new AppError(
          'conflict',
          'Confirm that you are taking command (and that the previous commander knows) first.',
          { reason: 'not_confirmed' },
        );
      const me = whoAmI(db);
      if (!me)
        throw new AppError(
          'conflict',
          'Conn does not know who you are yet: pick yourself in the roster (people.setMe) first.',
          { reason: 'no_me' },
        );
      const { incident, known, result } = build(p, true);
      pending.delete(input.previewId);
      let checks: ChecksRun | null = null;
      try {
        checks = await d.checks.run({ incidentId: incident.id });
      } catch {
        // The poll asks again within a minute; taking command does not wait on a vendor.
      }
      return {
        incident: d.incidents.get(incident.id),
        existing: !!known,
        imported: { fetched: result.fetched, added: result.added },
        checks,
      };
    },
  };
}
export type TakeoverService = ReturnType<typeof takeoverService>;
