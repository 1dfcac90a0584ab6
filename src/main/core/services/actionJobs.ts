// The one place a runbook action becomes outbox jobs. Integrations only add executors per job kind.
import type { Incident } from '../../../shared/domain';
import type { JobKind, JobPayload } from '../../../shared/outbox';
import type { IncidentRoles } from '../../../shared/people';
import { assertNever } from '../../../shared/result';
import type { RunbookAction } from '../../../shared/runbook';
import { fillTemplate, slackChannelName } from '../../../shared/runbookText';

export type JobSpec = { [K in JobKind]: { kind: K; payload: JobPayload<K> } }[JobKind];

export type ActionPlan =
  /** Queue these jobs (in order) with the step as their ref. */
  | { kind: 'jobs'; jobs: JobSpec[] }
  /** Nothing to send: the window opens something of Conn's own. */
  | { kind: 'open'; target: 'report' }
  /** Cannot be automated for this incident; the reason says what is missing. */
  | { kind: 'manual'; reason: string };

export interface ActionContext {
  roles: IncidentRoles;
  runbookName: string;
  /** Public messages fan out to affected communities (see communities.ts): no incident ticket is needed then. */
  fansOut?: boolean;
  /** The published report's link (the pull request while open, the file once merged), null before publishing. */
  reportLink?: string | null;
}

/** Freshdesk's status code for a closed ticket. */
export const FRESHDESK_CLOSED = 5;

const NO_TICKET =
  'This incident has no Freshdesk ticket yet. First add its Freshdesk ticket URL to the incident; or do this by hand ' +
  'and mark the step done.';

export function jobsForAction(action: RunbookAction, incident: Incident, ctx: ActionContext): ActionPlan {
  const text = (t: string) =>
    fillTemplate(t, {
      title: incident.title,
      hub: incident.hub,
      ticketUrl: incident.ticketUrl,
      commander: ctx.roles.commander?.name ?? null,
      runbook: ctx.runbookName,
      reportUrl: ctx.reportLink ?? null,
    });
  const everyoneSlack = [
    ctx.roles.commander,
    ctx.roles.liaison,
    ...ctx.roles.smes.map((s) => s.person),
    ...ctx.roles.triagers,
  ].flatMap((p) => (p?.slackUserId ? [p.slackUserId] : []));
  const channel = (prefix: string): JobSpec => ({
    kind: 'slack.createChannel',
    payload: {
      name: slackChannelName(prefix, incident.title, incident.declaredAt),
      inviteUserIds: [...new Set(everyoneSlack)],
    },
  });

  switch (action.type) {
    case 'reply_ticket_template':
      if (!incident.ticketUrl && !ctx.fansOut) return { kind: 'manual', reason: NO_TICKET };
      return { kind: 'jobs', jobs: [{ kind: 'freshdesk.reply', payload: { body: text(action.params.body) } }] };
    case 'trigger_pagerduty': {
      const details = [
        incident.ticketUrl ? `Freshdesk ticket: ${incident.ticketUrl}` : null,
        incident.hub ? `Hub: ${incident.hub}` : null,
        `Service: ${action.params.service}`,
      ]
        .filter(Boolean)
        .join('\n');
      const assignee = ctx.roles.commander?.pagerdutyUserId;
      const jobs: JobSpec[] = [
        {
          kind: 'pagerduty.createIncident',
          payload: {
            title: incident.title,
            details,
            service: action.params.service,
            ...(action.params.priority ? { priority: action.params.priority } : {}),
            ...(assignee ? { assigneeUserId: assignee } : {}),
          },
        },
      ];
      if (action.params.withSlackChannel) jobs.push(channel('incident'));
      return { kind: 'jobs', jobs };
    }
    case 'acknowledge_pagerduty':
      return { kind: 'jobs', jobs: [{ kind: 'pagerduty.acknowledge', payload: {} }] };
    case 'create_slack_channel':
      return { kind: 'jobs', jobs: [channel(action.params.namePrefix)] };
    case 'post_status_update': {
      const message = text(action.params.body);
      const jobs = action.params.channels.flatMap((c): JobSpec[] => {
        switch (c) {
          case 'ticket':
            return incident.ticketUrl || ctx.fansOut ? [{ kind: 'freshdesk.reply', payload: { body: message } }] : [];
          case 'pagerduty':
            return [{ kind: 'pagerduty.statusUpdate', payload: { message } }];
          case 'slack':
            return [{ kind: 'slack.postMessage', payload: { text: message } }];
          default:
            return assertNever(c, 'status channel');
        }
      });
      return jobs.length ? { kind: 'jobs', jobs } : { kind: 'manual', reason: NO_TICKET };
    }
    case 'resolve_pagerduty':
      return { kind: 'jobs', jobs: [{ kind: 'pagerduty.resolve', payload: {} }] };
    case 'close_ticket':
      if (!incident.ticketUrl && !ctx.fansOut) return { kind: 'manual', reason: NO_TICKET };
      return { kind: 'jobs', jobs: [{ kind: 'freshdesk.updateTicket', payload: { status: FRESHDESK_CLOSED } }] };
    case 'open_report':
      return { kind: 'open', target: 'report' };
    case 'publish_report':
      // Exporting is asynchronous: the publish service does it and queues the job itself (services/publish.ts).
      return { kind: 'manual', reason: 'Publish the report from the report view (its Publish button).' };
    case 'reply_report_link':
      if (!incident.ticketUrl && !ctx.fansOut) return { kind: 'manual', reason: NO_TICKET };
      if (!ctx.reportLink)
        return {
          kind: 'manual',
          reason: 'The report is not published yet: publish it first (its Publish button), then send its link.',
        };
      return { kind: 'jobs', jobs: [{ kind: 'freshdesk.reply', payload: { body: text(action.params.body) } }] };
    default:
      return assertNever(action, 'runbook action');
  }
}
