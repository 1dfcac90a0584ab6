// Publishing the report by pull request: the Markdown and PDF exported exactly as report.export writes them, kept
// on disk under the data folder, and one `github.publishReport` job that puts them on the branch `conn/<incident>`
// and opens (or updates) its pull request. Once per press: a publish still pending is not queued twice, and one sent
// is published again only on the explicit `again` (the edits since).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { jobKindLabel } from '../../../shared/labels';
import type { OutboxJob } from '../../../shared/outbox';
import { PUBLISH_MAX_BYTES } from '../../../shared/outbox';
import type { ReportPublication } from '../../../shared/publish';
import { AppError } from '../../../shared/result';
import type { RunActionResult } from '../../../shared/ops/checklist';
import { checklistRepo } from '../db/repos/checklist';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxRepo } from '../db/repos/outbox';
import { timelineRepo } from '../db/repos/timeline';
import { whoAmI } from '../domain/actor';
import { gitBlobSha } from '../outbox/vendors/githubPublish';
import { writeAtomically } from '../report/write';
import type { ServiceDeps } from '../ports';
import type { ChecklistService, StepRef } from './checklist';
import type { IntegrationsService } from './integrations';
import type { ReportService } from './report';
import { publishedReportOf } from './publishedReport';
import { refuseRerun } from './rerun';
import { safeFileName } from './report';

export interface PublishDeps extends ServiceDeps {
  dataDir: string;
  report: Pick<ReportService, 'rendered'>;
  checklist: Pick<ChecklistService, 'runAction' | 'list' | 'reportLink'>;
  integrations: Pick<IntegrationsService, 'credentials' | 'isConfigured'>;
}

/** The ref of a publish pressed on the report tab when the runbook has no publish step to carry it. */
export const PUBLISH_REF = 'report_publish';
const WAITING = new Set(['queued', 'sending', 'retrying', 'uncertain', 'needs_you']);

export const NOT_CONNECTED =
  'GitHub is not connected, so Conn cannot publish the report by pull request. Connect GitHub in Connections ' +
  '(a token with Contents and Pull requests read/write on the reports repository), or export the report ' +
  '(Markdown or PDF) and add it to the reports repository by hand.';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function publishService(deps: PublishDeps) {
  const { db, clock, ids, bus } = deps;
  const incidents = incidentsRepo(db);
  const outbox = outboxRepo(db);
  const steps = checklistRepo(db);
  const timeline = timelineRepo(db);

  /** Every publish of the incident, from the report tab or the runbook step alike (the rerun rule reads them all). */
  const earlier = (incidentId: string) => outbox.forIncidentKind(incidentId, 'github.publishReport');
  /** The runbook's publish step, which carries the job (its card shows it sent), unless it was skipped. */
  const publishStep = (incidentId: string) =>
    steps.list(incidentId).find((s) => s.action?.type === 'publish_report' && s.state !== 'skipped');

  const queueTx = db.transaction(
    (incidentId: string, again: boolean, job: { id: string; payload: OutboxJob['payload'] }, at: number) => {
      // Checked again inside the write: a second press that exported meanwhile is refused here.
      refuseRerun(earlier(incidentId), again, 'Publishing the report');
      const step = publishStep(incidentId);
      outbox.enqueue({
        id: job.id,
        incidentId,
        kind: 'github.publishReport',
        payload: job.payload as never,
        refType: step ? 'checklist_step' : PUBLISH_REF,
        refId: step ? step.stepId : incidentId,
        at,
      });
      if (step) steps.markUnderWay({ ...step, incidentId }, at);
      incidents.touch(incidentId, at);
      const entry = timeline.append({
        id: ids.next(),
        incidentId,
        at,
        source: 'checklist',
        kind: 'action_queued',
        body: `Queued: ${jobKindLabel('github.publishReport')} (GitHub)`,
        actor: whoAmI(db)?.name ?? null,
        refId: null,
        recordedAt: at,
      });
      return { job: outbox.get(job.id)!, entry };
    },
  );

  /** Exports the report and queues one publish job. */
  async function publish({ incidentId, again }: { incidentId: string; again?: boolean }): Promise<{
    job: OutboxJob;
    publication: ReportPublication;
  }> {
    const incident = incidents.get(incidentId);
    if (!incident) throw new AppError('not_found', `No incident with id ${incidentId}`);
    const creds = deps.integrations.isConfigured('github') ? deps.integrations.credentials('github') : undefined;
    if (!creds) throw new AppError('precondition_failed', NOT_CONNECTED, { reason: 'not_connected' });
    // Refused before the (slow) export too, so pressing twice does not even render twice.
    refuseRerun(earlier(incidentId), again === true, 'Publishing the report');
    const { view, markdown, pdf } = await deps.report.rendered(incidentId);
    const id = ids.next();
    const folder = creds.config.reportsFolder;
    const root = join(deps.dataDir, 'publish', incidentId);
    // Exports of publishes that are finished with (sent or discarded) are not read again: only the latest stay.
    for (const j of earlier(incidentId))
      if (j.state === 'sent' || j.state === 'discarded') rmSync(join(root, j.id), { recursive: true, force: true });
    const dir = join(root, id);
    mkdirSync(dir, { recursive: true });
    const files = [
      { name: safeFileName(view.fileBase, 'pdf'), data: pdf },
      { name: safeFileName(view.fileBase, 'md'), data: Buffer.from(markdown, 'utf8') },
    ].map((f) => {
      if (f.data.length > PUBLISH_MAX_BYTES)
        throw new AppError(
          'invalid_input',
          `${f.name} is ${mb(f.data.length)}; Conn publishes files up to ${mb(PUBLISH_MAX_BYTES)} through GitHub. ` +
            `Export it and add it to the reports repository by hand.`,
        );
      const localFile = join(dir, f.name);
      writeAtomically(localFile, f.data, undefined, true);
      return { path: `${folder}${f.name}`, localFile, sha: gitBlobSha(f.data), bytes: f.data.length };
    });
    const overview = view.sections.find((s) => s.kind === 'text' && s.key === 'overview');
    const overviewText = (overview?.kind === 'text' ? overview.body : null)?.trim() || '_No overview written yet._';
    const title = `Incident report: ${view.header.title}`.slice(0, 256);
    const payload = {
      repo: creds.config.reportsRepo,
      branch: `conn/${incidentId}`,
      title,
      body: [
        overviewText.slice(0, 50_000),
        '',
        `Files: ${files.map((f) => `\`${f.path}\``).join(', ')}`,
        '',
        '_Published from Conn; publishing again updates this pull request._',
      ].join('\n'),
      message: `Publish the incident report: ${view.header.title}`.slice(0, 500),
      files,
    };
    const at = clock.now();
    const { job, entry } = queueTx.immediate(incidentId, again === true, { id, payload }, at);
    bus.emit('outbox.changed', job);
    bus.emit('timeline.appended', entry);
    bus.emit('checklist.changed', { incidentId, steps: steps.list(incidentId) });
    const inc = incidents.get(incidentId);
    if (inc) bus.emit('incidents.updated', inc);
    return { job, publication: publication(incidentId) };
  }

  /** The report's publication: from the latest publish job and, once merged, the step its check confirmed. */
  function publication(incidentId: string): ReportPublication {
    const incident = incidents.get(incidentId);
    if (!incident) throw new AppError('not_found', `No incident with id ${incidentId}`);
    const creds = deps.integrations.isConfigured('github') ? deps.integrations.credentials('github') : undefined;
    const jobs = earlier(incidentId);
    const last = jobs.at(-1);
    const published = publishedReportOf(db, incidentId);
    const pull = published?.pull;
    const merged = published?.merged ?? false;
    const state: ReportPublication['state'] =
      last && WAITING.has(last.state)
        ? 'publishing'
        : last?.state === 'dead'
          ? 'failed'
          : !pull
            ? 'not_published'
            : merged
              ? 'merged'
              : 'open';
    const sent = jobs.filter((j) => j.state === 'sent').at(-1);
    return {
      state,
      connected: creds !== undefined,
      repo: pull?.repo ?? creds?.config.reportsRepo ?? null,
      branch: pull?.branch ?? null,
      pullNumber: pull?.number ?? null,
      pullUrl: pull?.url ?? null,
      link: published?.link ?? null,
      jobId: last?.id ?? null,
      jobState: last?.state ?? null,
      error:
        last && (last.state === 'dead' || last.state === 'retrying' || last.state === 'needs_you')
          ? last.lastError
          : null,
      publishedAt: sent?.updatedAt ?? null,
    };
  }

  return {
    publish,
    publication,
    /**
     * checklist.runAction, with the one action that must export first (asynchronously): a `publish_report` step
     * publishes (the job is the step's, which it starts; its check finishes it once the pull request is merged).
     */
    async runAction(ref: StepRef): Promise<RunActionResult> {
      const step = deps.checklist.list(ref.incidentId).find((s) => s.stepId === ref.stepId);
      if (step?.action?.type !== 'publish_report') return deps.checklist.runAction(ref);
      if (step.state === 'skipped' || step.state === 'done')
        throw new AppError('conflict', `"${step.title}" is already ${step.state}; reopen it first.`, { step });
      const { job } = await publish({ incidentId: ref.incidentId, again: ref.again === true });
      return { step: steps.get(ref.incidentId, ref.stepId)!, jobs: [job], open: null };
    },
  };
}
export type PublishService = ReturnType<typeof publishService>;
