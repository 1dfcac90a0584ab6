// Builds every service from the shared dependencies.
import type { Runbook } from '../../../shared/runbook';
import { checklistService } from './checklist';
import { incidentsService, type ServiceDeps } from './incidents';
import { peopleService } from './people';
import { rolesService } from './roles';
import { defaultResourcesDir, loadBuiltInRunbooks } from './runbookFiles';
import { runbooksService } from './runbooks';

export function createServices(deps: ServiceDeps, opts: { builtInRunbooks?: readonly Runbook[] } = {}) {
  const runbooks = runbooksService(deps, opts.builtInRunbooks ?? loadBuiltInRunbooks(defaultResourcesDir()));
  const roles = rolesService(deps);
  return {
    incidents: incidentsService(deps, runbooks, roles),
    people: peopleService(deps),
    roles,
    runbooks,
    checklist: checklistService(deps, runbooks),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
