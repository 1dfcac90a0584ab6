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
    'incidents.get': (input) => s.incidents.get(input.incidentId),
    'incidents.setStatus': (input) => s.incidents.setStatus(input),
    'people.list': (input) => s.people.list(input.includeRemoved ?? false),
    'people.save': (input) => s.people.save(input),
    'people.remove': (input) => s.people.remove(input.personId),
    'people.setMe': (input) => ({ me: s.people.setMe(input.personId) }),
    'people.me': () => ({ me: s.people.me() }),
    'roles.list': (input) => s.roles.list(input.incidentId),
    'roles.assign': (input) => s.roles.assign(input.incidentId, input.role, input.personId, input.techLead),
    'roles.unassign': (input) => s.roles.unassign(input.incidentId, input.role, input.personId),
    'runbooks.list': () => s.runbooks.list(),
    'runbooks.get': (input) => s.runbooks.get(input.id),
    'runbooks.import': (input) => s.runbooks.import(input.json),
    'runbooks.export': (input) => s.runbooks.export(input.id),
    'checklist.list': (input) => s.checklist.list(input.incidentId),
    'checklist.start': (input) => s.checklist.transition('start', input),
    'checklist.complete': (input) => s.checklist.transition('complete', input),
    'checklist.skip': (input) => s.checklist.transition('skip', input),
    'checklist.block': (input) => s.checklist.transition('block', input),
    'checklist.reopen': (input) => s.checklist.transition('reopen', input),
    'checklist.runAction': (input) => s.checklist.runAction(input),
    'outbox.list': (input) => s.outbox.list(input),
    'outbox.retry': (input) => s.outbox.retry(input),
    'outbox.discard': (input) => s.outbox.discard(input),
    'outbox.edit': (input) => s.outbox.edit(input),
    'outbox.status': () => s.outbox.status(),
    'integrations.get': () => s.integrations.get(),
    'integrations.save': (input) => s.integrations.save(input),
    'integrations.test': (input) => s.integrations.test(input),
    'integrations.acceptWeakStorage': (input) => s.integrations.acceptWeakStorage(input),
    'report.get': (input) => s.report.get(input.incidentId),
    'report.update': (input) => s.report.update(input),
    'report.setStatus': (input) => s.report.setStatus(input),
    'report.addActionItem': (input) => s.report.addActionItem(input),
    'report.updateActionItem': (input) => s.report.updateActionItem(input),
    'report.removeActionItem': (input) => s.report.removeActionItem(input),
    'report.issueText': (input) => s.report.issueText(input),
    'report.export': (input) => s.report.export(input),
    'report.debt': () => s.report.debt(),
    'reminders.list': () => s.reminders.list(),
    'reminders.snooze': (input) => s.reminders.snooze(input),
    'reminders.setQuietHours': (input) => s.reminders.setQuietHours(input),
    'updates.setCadence': (input) => s.reminders.setCadence(input),
    'updates.draft': (input) => s.updates.draft(input),
    'updates.send': (input) => s.updates.send(input),
  };
}
