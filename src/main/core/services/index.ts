// Builds every service from the shared dependencies and the ports the shells pass in.
import type { Runbook } from '../../../shared/runbook';
import type { PdfPrinter } from '../ports';
import { manualNetwork, realTimer, type NetworkStatus, type Timer } from '../outbox/ports';
import type { CredentialSource, IdentifyPort } from '../secrets/credentials';
import { memorySecretStore } from '../secrets/store';
import { createVault, type Vault } from '../secrets/vault';
import { checklistService } from './checklist';
import { checksService, type CheckSet } from './checks';
import { incidentsService, type ServiceDeps } from './incidents';
import { integrationsService } from './integrations';
import { outboxService } from './outbox';
import { peopleService } from './people';
import { remindersService, type ReminderDeps } from './reminders';
import { reportService } from './report';
import { rolesService } from './roles';
import { defaultResourcesDir, loadBuiltInRunbooks } from './runbookFiles';
import { runbooksService } from './runbooks';
import { updatesService, type UpdatesDeps } from './updates';
import { notesService } from './notes';
import { searchService } from './search';
import { timelineService } from './timeline';

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
  /** Vendor-state checks built from live credentials (see checks/vendorChecks.ts); none by default. */
  checks?: (credentials: CredentialSource) => CheckSet;
  checkIntervalMs?: number;
  /** Drives the checks poll (the dispatcher's timer). */
  timer?: Timer;
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
  const roles = rolesService(deps);
  const reminders = remindersService(deps);
  const integrations = integrationsService({ ...deps, vault: p.vault, identify: p.identify, redact: p.redact, resumed: () => p.kick() });
  const checklist = checklistService(deps, runbooks);
  return {
    incidents: incidentsService(deps, runbooks, roles),
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
    updates: updatesService({ ...deps, reminders }),
    report: reportService({ ...deps, dataDir: opts.dataDir ?? '.', pdfPrinter: opts.pdfPrinter }),
    outbox: outboxService({ ...deps, network: p.network, isConfigured: integrations.isConfigured, kick: p.kick }),
    notes: notesService(deps),
    timeline: timelineService(deps),
    search: searchService(deps),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
