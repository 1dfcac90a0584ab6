// Builds every service from the shared dependencies.
import { incidentsService, type ServiceDeps } from './incidents';

export function createServices(deps: ServiceDeps) {
  return {
    incidents: incidentsService(deps),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
