// Builds every service from the shared dependencies.
import { incidentsService, type ServiceDeps } from './incidents';
import { remindersService, type ReminderDeps } from './reminders';
import { updatesService, type UpdatesDeps } from './updates';

export type CreateServicesDeps = ServiceDeps &
  Pick<ReminderDeps, 'notifier' | 'timers'> &
  Pick<UpdatesDeps, 'sessionFacts' | 'templates'>;

export function createServices(deps: CreateServicesDeps) {
  const reminders = remindersService(deps);
  return {
    incidents: incidentsService(deps),
    reminders,
    updates: updatesService({ ...deps, reminders }),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
