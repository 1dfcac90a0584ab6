// Builds every service from the shared dependencies.
import { incidentsService, type ServiceDeps } from './incidents';
import { notesService } from './notes';
import { searchService } from './search';
import { timelineService } from './timeline';

export function createServices(deps: ServiceDeps) {
  return {
    incidents: incidentsService(deps),
    notes: notesService(deps),
    timeline: timelineService(deps),
    search: searchService(deps),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
