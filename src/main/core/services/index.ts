// Builds every service from the shared dependencies and the ports the shells pass in.
import type { Runbook } from '../../../shared/runbook';
import type { Logger, PdfPrinter } from '../ports';
import { manualNetwork, realTimer, type NetworkStatus, type Timer } from '../outbox/ports';
import type { CredentialSource, IdentifyPort } from '../secrets/credentials';
import { memorySecretStore } from '../secrets/store';
import { createVault, type Vault } from '../secrets/vault';
import { clientsFromCredentials, type ClientsPort, type VendorUrls } from '../importer/clients';
import { sessionGatherer } from '../handoff/gather';
import { checklistService } from './checklist';
import { handoffService } from './handoff';
import { recordImportService } from './recordImport';
import { takeoverService } from './takeover';
import { checksService, type CheckSet } from './checks';
import { incidentsService, type ServiceDeps } from './incidents';
import { integrationsService } from './integrations';
import { outboxService } from './outbox';
import { peopleService } from './people';
import { remindersService, type ReminderDeps } from './reminders';
import { reportService, type ChooseExportFile } from './report';
import { rolesService } from './roles';
import { defaultResourcesDir, loadBuiltInRunbooks } from './runbookFiles';
import { runbooksService } from './runbooks';
import { updatesService, type UpdatesDeps } from './updates';
import { notesService } from './notes';
import { searchIndexService } from './searchIndex';
import { searchService } from './search';
import { timelineService } from './timeline';
import { registryService } from './registry';
import { scopeService } from './scope';
import { healthService, type HealthDeps } from './health';

/** What the outbox and integrations services need beyond the shared deps (the core passes real ones). */
export interface OutboxPorts {
  vault: Vault;
  identify: IdentifyPort;
  network: NetworkStatus;
  redact: (text: string) => string;
  kick: () => void;
}

export interface ServiceOptions extends Partial<OutboxPorts> {
  builtInRunbooks?: readonly Runbook[];
  /** Where report exports go by default (reports/ inside it). */
  dataDir?: string;
  pdfPrinter?: PdfPrinter;
  chooseExportFile?: ChooseExportFile;
  /** Base URLs for the vendor clients (simulators, proxies); default the vendors' own. */
  vendorUrls?: VendorUrls;
  /** Replaces the vendor clients built from the stored credentials (tests). */
  vendorClients?: ClientsPort;
  /** Vendor-state checks built from live credentials (see checks/vendorChecks.ts); none by default. */
  checks?: (credentials: CredentialSource) => CheckSet;
  checkIntervalMs?: number;
  /** Drives the checks poll (the dispatcher's timer). */
  timer?: Timer;
  /** Where background work (the search index batches) reports a failure. */
  logger?: Logger;
  /** Hub health probes: the HTTP port, a base URL (the sandbox), interval and timeout (tests). */
  hubProbes?: Pick<HealthDeps, 'probe' | 'probeBase' | 'intervalMs' | 'timeoutMs' | 'concurrency'>;
}

export type CreateServicesDeps = ServiceDeps &
  Pick<ReminderDeps, 'notifier' | 'timers'> &
  Pick<UpdatesDeps, 'sessionFacts' | 'templates'>;

export function createServices(deps: CreateServicesDeps, opts: ServiceOptions = {}) {
  const p: OutboxPorts = {
    vault: opts.vault ?? createVault(deps.db, memorySecretStore()),
    identify: opts.identify ?? (() => Promise.reject(new Error('no vendor clients in this build'))),
    network: opts.network ?? manualNetwork(true),
    redact: opts.redact ?? ((t) => t),
    kick: opts.kick ?? (() => {}),
  };
  const runbooks = runbooksService(deps, opts.builtInRunbooks ?? loadBuiltInRunbooks(defaultResourcesDir()));
  const integrations = integrationsService({ ...deps, vault: p.vault, identify: p.identify, redact: p.redact, resumed: () => p.kick() });
  const clients = opts.vendorClients ?? clientsFromCredentials(integrations.credentials, opts.vendorUrls);
  const roles = rolesService({ ...deps, isConfigured: integrations.isConfigured });
  const reminders = remindersService(deps);
  const incidents = incidentsService(deps, runbooks, roles);
  const checklist = checklistService(deps, runbooks);
  const recordImport = recordImportService(deps, clients);
  const searchIndex = searchIndexService(deps, { logger: opts.logger });
  const scope = scopeService(deps);
  const freshdeskDomain = () => integrations.credentials('freshdesk')?.config.domain ?? null;
  return {
    incidents,
    people: peopleService(deps),
    roles,
    runbooks,
    checklist,
    checks: checksService({
      ...deps,
      checklist,
      integrations,
      checks: opts.checks ?? (() => ({})),
      network: p.network,
      timer: opts.timer ?? realTimer,
      intervalMs: opts.checkIntervalMs,
    }),
    integrations,
    reminders,
    updates: updatesService({
      ...deps,
      reminders,
      sessionFacts: deps.sessionFacts ?? sessionGatherer(deps.db).sessionFacts(),
      clients: () => (integrations.isConfigured('freshdesk') ? clients() : null),
    }),
    report: reportService({ ...deps, dataDir: opts.dataDir ?? '.', pdfPrinter: opts.pdfPrinter, chooseExportFile: opts.chooseExportFile }),
    outbox: outboxService({ ...deps, network: p.network, isConfigured: integrations.isConfigured, kick: p.kick }),
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
      network: p.network,
      timer: opts.timer ?? realTimer,
      logger: opts.logger,
    }),
    takeover: takeoverService({ ...deps, clients, incidents, roles, checklist, recordImport, freshdeskDomain }),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
