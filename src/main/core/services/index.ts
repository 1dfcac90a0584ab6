// Builds every service from the shared dependencies and the ports the shells pass in.
import type { OutboxJob } from '../../../shared/outbox';
import { communitySteps, type Runbook } from '../../../shared/runbook';
import type { Logger, PdfPrinter } from '../ports';
import { realTimer, type NetworkStatus, type Timer } from '../outbox/ports';
import type { CredentialSource, IdentifyPort } from '../secrets/credentials';
import type { Vault } from '../secrets/vault';
import type { VendorClients } from '../integrations';
import { sessionGatherer } from '../handoff/gather';
import { checklistService } from './checklist';
import { handoffService } from './handoff';
import { recordImportService } from './recordImport';
import { registerService } from './register';
import { backfillService } from './backfill';
import { takeoverService } from './takeover';
import { checksService, type CheckSet } from './checks';
import type { ServiceDeps } from '../ports';
import { incidentsService } from './incidents';
import { integrationsService } from './integrations';
import { issueStatesService } from './issueStates';
import { outboxService } from './outbox';
import { peopleService } from './people';
import { remindersService, type ReminderDeps } from './reminders';
import { reportService, type ChooseExportFile, type RevealFile } from './report';
import { publishService } from './publish';
import { rolesService } from './roles';
import { runbooksService } from './runbooks';
import { updatesService, type UpdatesDeps } from './updates';
import { notesService } from './notes';
import { searchIndexService } from './searchIndex';
import { searchService } from './search';
import { timelineService } from './timeline';
import { registryService } from './registry';
import { scopeService } from './scope';
import { healthService, type HealthDeps } from './health';
import { githubLinksService, type GitHubLinksDeps } from './githubLinks';

/** What the outbox and integrations services need beyond the shared deps (the core passes real ones). */
export interface OutboxPorts {
  vault: Vault;
  identify: IdentifyPort;
  network: NetworkStatus;
  redact: (text: string) => string;
  kick: () => void;
}

/** What the core passes; createCore is the only caller, so nothing here has a second default. */
export interface ServiceOptions extends OutboxPorts {
  builtInRunbooks: readonly Runbook[];
  /** Where report exports go by default (reports/ inside it). */
  dataDir: string;
  pdfPrinter?: PdfPrinter;
  chooseExportFile?: ChooseExportFile;
  revealFile?: RevealFile;
  /** The connected vendors' clients from live credentials (CoreOptions.vendors.clients). */
  clients: (credentials: CredentialSource) => VendorClients;
  /** Vendor-state checks built from live credentials (see checks/vendorChecks.ts); none by default. */
  checks?: (credentials: CredentialSource) => CheckSet;
  checkIntervalMs?: number;
  /** Drives the checks poll (the dispatcher's timer). */
  timer?: Timer;
  /** Where background work (the search index batches) reports a failure. */
  logger?: Logger;
  /** Hub health probes: the HTTP port, a base URL (the sandbox), interval and timeout (tests). */
  hubProbes?: Pick<HealthDeps, 'probe' | 'probeBase' | 'intervalMs' | 'timeoutMs' | 'concurrency'>;
  /** GitHub links in the timeline: how often each linked item is read again, and the loop's tick (tests). */
  githubLinks?: Pick<GitHubLinksDeps, 'pollMs' | 'tickMs'>;
}

export type CreateServicesDeps = ServiceDeps &
  Pick<ReminderDeps, 'notifier' | 'timers'> &
  Pick<UpdatesDeps, 'sessionFacts' | 'templates'>;

export function createServices(deps: CreateServicesDeps, opts: ServiceOptions) {
  const runbooks = runbooksService(deps, opts.builtInRunbooks);
  const communityOf = (runbookId: string) => {
    try {
      return communitySteps(runbooks.get(runbookId).runbook);
    } catch {
      return null; // a runbook removed since: no community steps to list
    }
  };
  const integrations = integrationsService({
    ...deps,
    vault: opts.vault,
    identify: opts.identify,
    redact: opts.redact,
    resumed: () => opts.kick(),
  });
  const clients = () => opts.clients(integrations.credentials);
  const roles = rolesService({ ...deps, isConfigured: integrations.isConfigured });
  const reminders = remindersService(deps);
  const incidents = incidentsService(deps, runbooks, roles);
  const checklist = checklistService(deps, runbooks);
  /** Runs `then` for each job the vendor now has (and `when` picks), after the dispatcher's own commit. */
  const onSent = (when: (job: OutboxJob) => boolean, then: (job: OutboxJob) => void) =>
    deps.bus.subscribe((name, payload) => {
      if (name !== 'outbox.changed') return;
      const job = payload as OutboxJob;
      if (job.state === 'sent' && when(job))
        queueMicrotask(() => {
          try {
            then(job);
          } catch {
            // the core closed meanwhile, or the thing moved on: the checks and polls catch up later
          }
        });
    });
  // Status follows the record: a request PagerDuty accepted can finish its step and move the incident along.
  onSent(
    (job) => job.incidentId !== null,
    (job) => checklist.jobSent(job),
  );
  const report = reportService({
    ...deps,
    dataDir: opts.dataDir,
    pdfPrinter: opts.pdfPrinter,
    chooseExportFile: opts.chooseExportFile,
    revealFile: opts.revealFile,
    githubRepo: () => integrations.credentials('github')?.config.actionItemRepo ?? null,
  });
  // An issue GitHub opened for an action item becomes the item's link.
  onSent(
    (job) => job.kind === 'github.createIssue',
    (job) => report.issueOpened(job),
  );
  const issueStates = issueStatesService({
    ...deps,
    clients: () => (integrations.isConfigured('github') ? clients() : { ...clients(), github: null }),
    network: opts.network,
    timer: opts.timer ?? realTimer,
  });
  const recordImport = recordImportService(deps, clients);
  const searchIndex = searchIndexService(deps, { logger: opts.logger });
  const scope = scopeService(deps);
  const freshdeskDomain = () => integrations.credentials('freshdesk')?.config.domain ?? null;
  const checks = checksService({
    ...deps,
    checklist,
    integrations,
    checks: opts.checks ?? (() => ({})),
    network: opts.network,
    timer: opts.timer ?? realTimer,
    intervalMs: opts.checkIntervalMs,
  });
  const takeover = takeoverService({
    ...deps,
    clients,
    incidents,
    roles,
    checklist,
    recordImport,
    checks,
    scope,
    freshdeskDomain,
  });
  return {
    incidents,
    people: peopleService(deps),
    roles,
    runbooks,
    checklist,
    checks,
    integrations,
    reminders,
    updates: updatesService({
      ...deps,
      reminders,
      sessionFacts: deps.sessionFacts ?? sessionGatherer(deps.db, communityOf).sessionFacts(),
      clients: () => (integrations.isConfigured('freshdesk') ? clients() : null),
    }),
    report,
    publish: publishService({ ...deps, dataDir: opts.dataDir, report, checklist, integrations }),
    issueStates,
    register: registerService(deps),
    outbox: outboxService({ ...deps, network: opts.network, isConfigured: integrations.isConfigured, kick: opts.kick }),
    notes: notesService(deps),
    timeline: timelineService(deps),
    searchIndex,
    search: searchService(deps, searchIndex, opts.logger),
    recordImport,
    handoff: handoffService({ ...deps, roles, isConfigured: integrations.isConfigured }),
    registry: registryService(deps),
    scope,
    health: healthService({
      ...deps,
      ...opts.hubProbes,
      scope,
      checklist,
      network: opts.network,
      timer: opts.timer ?? realTimer,
      logger: opts.logger,
    }),
    takeover,
    githubLinks: githubLinksService({
      ...deps,
      ...opts.githubLinks,
      clients,
      isConfigured: integrations.isConfigured,
      network: opts.network,
      timer: opts.timer ?? realTimer,
      logger: opts.logger,
    }),
    backfill: backfillService({ ...deps, clients, takeover }),
  };
}
export type Services = ReturnType<typeof createServices>;
