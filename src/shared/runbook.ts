// Runbooks as data: the schema every runbook (built-in or imported) must satisfy.
// Actions are typed requests the integrations execute; checks confirm a step from vendor state.
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'use 1-64 lowercase letters, digits, - or _' });
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !/[\r\n]/.test(s) && !s.includes('\u0000'), { message: 'must be a single line' });
const prose = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !s.includes('\u0000'), { message: 'contains a NUL character' });

/** Message text with placeholders: {{title}}, {{hub}}, {{ticketUrl}}, {{commander}}, {{runbook}}, {{reportUrl}}. */
const template = prose(5000);

export const ticketTemplates = [
  'incident_first_response',
  'incident_update',
  'incident_resolved',
  'report_link',
] as const;
export const statusChannels = ['ticket', 'pagerduty', 'slack'] as const;

export const runbookActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('reply_ticket_template'),
    params: z.strictObject({ template: z.enum(ticketTemplates), body: template }),
  }),
  z.strictObject({
    type: z.literal('trigger_pagerduty'),
    params: z.strictObject({
      /** The PagerDuty service by name (as the commander would pick it) or id; resolved through GET /services. */
      service: line(200),
      /** The incident priority by name (e.g. "P1"), used where the PagerDuty account has priorities. */
      priority: line(100).optional(),
      /** Whether the dedicated Slack channel is asked for with the incident. */
      withSlackChannel: z.boolean().default(true),
    }),
  }),
  z.strictObject({ type: z.literal('acknowledge_pagerduty'), params: z.strictObject({}).default({}) }),
  z.strictObject({
    type: z.literal('create_slack_channel'),
    params: z.strictObject({ namePrefix: slug.default('incident') }).default({ namePrefix: 'incident' }),
  }),
  z.strictObject({
    type: z.literal('post_status_update'),
    params: z.strictObject({
      template: z.enum(ticketTemplates),
      body: template,
      channels: z.array(z.enum(statusChannels)).min(1, { message: 'name at least one channel' }),
    }),
  }),
  z.strictObject({ type: z.literal('resolve_pagerduty'), params: z.strictObject({}).default({}) }),
  z.strictObject({ type: z.literal('close_ticket'), params: z.strictObject({}).default({}) }),
  z.strictObject({ type: z.literal('open_report'), params: z.strictObject({}).default({}) }),
  /** Publish the report by pull request to the GitHub reports repository (settings), once; again after edits. */
  z.strictObject({ type: z.literal('publish_report'), params: z.strictObject({}).default({}) }),
  /** Reply on every ticket of the incident with the published report's link ({{reportUrl}} in the body). */
  z.strictObject({
    type: z.literal('reply_report_link'),
    params: z.strictObject({ template: z.enum(ticketTemplates).default('report_link'), body: template }),
  }),
]);
export type RunbookAction = z.output<typeof runbookActionSchema>;
export type ActionType = RunbookAction['type'];

export const checkTypes = [
  'pagerduty_incident_exists',
  'pagerduty_acknowledged',
  'slack_channel_exists',
  'ticket_public_reply',
  'pagerduty_resolved',
  'ticket_closed',
  // Conn's own evidence: every affected hub has passed its health probe for the runbook's exit window.
  'hubs_exit_criterion',
  // The report's pull request is merged, or its file is on the reports repository's default branch.
  'report_published',
] as const;
export const runbookCheckSchema = z.strictObject({ type: z.enum(checkTypes) });
export type RunbookCheck = z.output<typeof runbookCheckSchema>;
export type CheckType = RunbookCheck['type'];

export const runbookStepSchema = z.strictObject({
  id: slug,
  title: line(200),
  why: prose(2000),
  instructions: prose(8000),
  action: runbookActionSchema.optional(),
  check: runbookCheckSchema.optional(),
  /** Community-facing: listed under "What we are doing next" in public status updates (internal steps never are). */
  community: z.boolean().optional(),
  /** How a community-facing step reads to the community, in plain words; its title when absent. */
  communityText: line(300).optional(),
});
export type RunbookStep = z.output<typeof runbookStepSchema>;

export const criteriaQuestionSchema = z.strictObject({ id: slug, text: line(300) });

export const runbookSchema = z
  .strictObject({
    id: slug,
    name: line(200),
    version: z.number().int().positive(),
    description: prose(4000),
    criteria: z.strictObject({
      /** How answers become a verdict: an incident when any question is answered yes. */
      incidentWhen: z.literal('any_yes'),
      questions: z.array(criteriaQuestionSchema).max(20),
    }),
    steps: z.array(runbookStepSchema).min(1, { message: 'a runbook needs at least one step' }).max(100),
    /** Step ids that must all be done before the incident officially counts as started. */
    startsWhen: z.array(slug).optional(),
  })
  .superRefine((rb, ctx) => {
    const seen = new Set<string>();
    rb.steps.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
      seen.add(s.id);
    });
    const qs = new Set<string>();
    rb.criteria.questions.forEach((q, i) => {
      if (qs.has(q.id))
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', 'questions', i, 'id'],
          message: `duplicate question id "${q.id}"`,
        });
      qs.add(q.id);
    });
    (rb.startsWhen ?? []).forEach((id, i) => {
      if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: ['startsWhen', i], message: `no step with id "${id}"` });
    });
  });
export type Runbook = z.output<typeof runbookSchema>;

/** Actions that send something to a vendor (a reply, an incident, a channel, a message); open_report does not. */
const SENDING_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>([
  'reply_ticket_template',
  'trigger_pagerduty',
  'acknowledge_pagerduty',
  'create_slack_channel',
  'post_status_update',
]);

/**
 * The runbook's opening steps that each send something to a vendor, up to the first that does not (a step to read,
 * decide or do by hand). The declare dialog offers to send these with the declaration, as one explicit choice of the
 * commander's; closing steps (resolve, close the ticket) never qualify since they do not open a runbook.
 */
export function firstSendingSteps(rb: Pick<Runbook, 'steps'>): RunbookStep[] {
  const out: RunbookStep[] = [];
  for (const step of rb.steps) {
    if (!step.action || !SENDING_ACTIONS.has(step.action.type)) break;
    out.push(step);
  }
  return out;
}

export interface RunbookSummary {
  id: string;
  name: string;
  version: number;
  description: string;
  builtIn: boolean;
  stepCount: number;
}

export interface RunbookWithSource extends RunbookSummary {
  runbook: Runbook;
}

export const DEFAULT_RUNBOOK_ID = 'default';

/** Community-facing steps by id, each with the plain words a public update uses for it. */
export function communitySteps(rb: Runbook): Map<string, string> {
  return new Map(rb.steps.filter((s) => s.community).map((s) => [s.id, s.communityText ?? s.title]));
}

export type Verdict = 'incident' | 'support_ticket';

/** The runbook's rule applied to the recorded answers (unanswered counts as no). */
export function verdictFor(criteria: Runbook['criteria'], answers: Record<string, boolean>): Verdict {
  switch (criteria.incidentWhen) {
    case 'any_yes':
      return criteria.questions.some((q) => answers[q.id] === true) ? 'incident' : 'support_ticket';
  }
}

export const actionLabels: Record<ActionType, string> = {
  reply_ticket_template: 'Reply on the ticket',
  trigger_pagerduty: 'Trigger the PagerDuty incident',
  acknowledge_pagerduty: 'Acknowledge in PagerDuty',
  create_slack_channel: 'Create the Slack channel',
  post_status_update: 'Post the status update',
  resolve_pagerduty: 'Resolve in PagerDuty',
  close_ticket: 'Close the ticket',
  open_report: 'Open the report draft',
  publish_report: 'Publish the report by pull request',
  reply_report_link: 'Send the report link on every ticket',
};

export const checkLabels: Record<CheckType, string> = {
  pagerduty_incident_exists: 'a PagerDuty incident exists',
  pagerduty_acknowledged: 'the PagerDuty incident is acknowledged',
  slack_channel_exists: 'the Slack channel exists',
  ticket_public_reply: 'the ticket has a public reply',
  pagerduty_resolved: 'the PagerDuty incident is resolved',
  ticket_closed: 'the ticket is closed',
  hubs_exit_criterion: 'every affected hub has passed its health probe for the exit window',
  report_published: 'the report is published (its pull request is merged)',
};
