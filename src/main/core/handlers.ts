// The handler table: implements every contract operation by delegating to services.
// Typed as Handlers, so a missing operation is a compile error.
import type { OpName, OpOutput, OpParsed } from '../../shared/contract';
import type { Services } from './services';

export type Handlers = {
  [K in OpName]: (input: OpParsed<K>) => OpOutput<K> | Promise<OpOutput<K>>;
};

export function createHandlers(s: Services): Handlers {
  return {
    'incidents.declare': (input) => s.incidents.declare(input),
    'incidents.list': () => s.incidents.list(),
    'reminders.list': () => s.reminders.list(),
    'reminders.snooze': (input) => s.reminders.snooze(input),
    'reminders.setQuietHours': (input) => s.reminders.setQuietHours(input),
    'updates.setCadence': (input) => s.reminders.setCadence(input),
    'updates.draft': (input) => s.updates.draft(input),
    'updates.send': (input) => s.updates.send(input),
  };
}
