// Builds every service from the shared dependencies.
import { manualNetwork, type NetworkStatus } from '../outbox/ports';
import type { IdentifyPort } from '../secrets/credentials';
import { memorySecretStore } from '../secrets/store';
import { createVault, type Vault } from '../secrets/vault';
import { incidentsService, type ServiceDeps } from './incidents';
import { integrationsService } from './integrations';
import { outboxService } from './outbox';

/** What the outbox and integrations services need beyond the shared deps (the core passes real ones). */
export interface OutboxPorts {
  vault: Vault;
  identify: IdentifyPort;
  network: NetworkStatus;
  redact: (text: string) => string;
  kick: () => void;
}

export function createServices(deps: ServiceDeps, ports?: OutboxPorts) {
  const p: OutboxPorts = ports ?? {
    vault: createVault(deps.db, memorySecretStore()),
    identify: () => Promise.reject(new Error('no vendor clients in this build')),
    network: manualNetwork(true),
    redact: (t) => t,
    kick: () => {},
  };
  const integrations = integrationsService({ ...deps, vault: p.vault, identify: p.identify, redact: p.redact, resumed: () => p.kick() });
  return {
    incidents: incidentsService(deps),
    integrations,
    outbox: outboxService({ ...deps, network: p.network, isConfigured: integrations.isConfigured, kick: p.kick }),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
