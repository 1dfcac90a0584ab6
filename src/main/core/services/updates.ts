// Use cases for status updates: draft from a template and send (three outbox jobs, a timeline entry
// and a restarted update clock, all in one transaction).
import type { OpParsed } from '../../../shared/contract';
import type { SentUpdate } from '../../../shared/ops/updates';
import type { OutboxJob } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { placeholdersIn, type UpdateDraft } from '../../../shared/reminders';
import { cadenceRepo } from '../db/repos/cadence';
import { outboxRepo } from '../db/repos/outbox';
import { timelineRepo } from '../db/repos/timeline';
import { updateFactsRepo } from '../db/repos/updateFacts';
import { isOpen } from '../reminders/cadence';
import type { VendorClients } from '../integrations';
import { ticketIdFromUrl } from '../outbox/links';
import { cannedDraft } from '../updates/canned';
import { fillTemplate } from '../updates/fillTemplate';
import { provisionalSessionFacts, templateValues, type SessionFactsSource } from '../updates/sessionFacts';
import { fileTemplates, type TemplateStore } from '../updates/templates';
import type { ServiceDeps } from '../ports';
import type { RemindersService } from './reminders';
import { communities } from './communities';
import { refuseRerun } from './rerun';

export interface UpdatesDeps extends ServiceDeps {
  reminders: RemindersService;
  /** Seam for the integrator: a SessionFacts source backed by notes, roles and checklist. */
  sessionFacts?: SessionFactsSource;
  templates?: TemplateStore;
  /** Vendor clients when Freshdesk is connected (its canned responses are preferred), else null. */
  clients?: () => VendorClients | null;
}

export const STATUS_UPDATE_REF = 'status_update';

export function updatesService({ db, clock, ids, bus, reminders, sessionFacts, templates, clients }: UpdatesDeps) {
  const cadence = cadenceRepo(db);
  const outbox = outboxRepo(db);
  const timeline = timelineRepo(db);
  const facts = sessionFacts ?? provisionalSessionFacts(updateFactsRepo(db), cadence);
  const store = templates ?? fileTemplates();
  const fan = communities(db);

  const latestUpdateJobs = db.prepare<[string], { ref_id: string }>(
    `SELECT ref_id FROM outbox_jobs WHERE incident_id = ? AND ref_type = '${STATUS_UPDATE_REF}' ORDER BY created_at
      DESC, id DESC LIMIT 1`,
  );

  const sendTx = db.transaction((incidentId: string, text: string, again: boolean) => {
    const f = cadence.factFor(incidentId);
    if (!f) throw new AppError('not_found', `No incident with id ${incidentId}`);
    // A second press is not a second update: the same text as the latest update is refused unless `again`.
    const last = latestUpdateJobs.get(incidentId);
    if (last) {
      const jobs = outbox.forRef(STATUS_UPDATE_REF, last.ref_id);
      const same = jobs.some(
        (j) => j.kind === 'pagerduty.statusUpdate' && (j.payload as { message?: unknown }).message === text,
      );
      if (same) refuseRerun(jobs, again, 'This status update');
    }
    const at = clock.now();
    const id = ids.next();
    cadence.recordPublicUpdate({ id, incidentId, body: text, at });
    const ref = { incidentId, refType: STATUS_UPDATE_REF, refId: id, at };
    // The reply goes to every affected community (fan-out); Slack and PagerDuty hear it once.
    const specs = [
      ...fan.fanOut(incidentId, [{ kind: 'freshdesk.reply', payload: { body: text } }], f.title),
      { kind: 'slack.postMessage', payload: { text: `Status update sent to the community:\n\n${text}` } },
      { kind: 'pagerduty.statusUpdate', payload: { message: text } },
    ] as const;
    const jobIds = specs.map((spec) => {
      const jobId = ids.next();
      outbox.enqueue({ ...ref, ...spec, id: jobId });
      return jobId;
    });
    const entry = timeline.append({
      id: ids.next(),
      incidentId,
      at,
      source: 'status',
      kind: 'status_update',
      body: text,
      refId: id,
      recordedAt: at,
    });
    const jobs = jobIds.map((j) => outbox.get(j)).filter((j): j is OutboxJob => j !== undefined);
    return { id, incidentId, sentAt: new Date(at).toISOString(), jobs, entry } satisfies SentUpdate;
  });

  return {
    async draft(input: OpParsed<'updates.draft'>): Promise<UpdateDraft> {
      const session = facts.forIncident(input.incidentId, clock.now());
      const values = templateValues(session);
      const c = clients?.() ?? null;
      if (c) {
        const canned = await cannedDraft(c, input.template, ticketIdFromUrl(session.ticketUrl) ?? null, values);
        if (canned) return { template: input.template, ...canned };
      }
      const filled = fillTemplate(store.get(input.template), values);
      return { template: input.template, ...filled, source: 'built-in template' };
    },
    send(input: OpParsed<'updates.send'>): SentUpdate {
      const left = placeholdersIn(input.text);
      if (left.length > 0) {
        throw new AppError(
          'invalid_input',
          `The update still has placeholders to fill: ${left.map((p) => `{{${p}}}`).join(', ')}. Replace or remove ` +
            `them before sending.`,
          { placeholders: left },
        );
      }
      const f = cadence.factFor(input.incidentId);
      if (f && !isOpen(f.status) && f.status !== 'resolved') {
        throw new AppError('conflict', `The incident is ${f.status.replace(/_/g, ' ')}; public updates are closed.`);
      }
      const sent = sendTx.immediate(input.incidentId, input.text, input.again === true);
      bus.emit('timeline.appended', sent.entry);
      for (const j of sent.jobs) bus.emit('outbox.changed', j);
      bus.emit('updates.posted', sent);
      reminders.changed(input.incidentId);
      return sent;
    },
  };
}
