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
    'report.get': (input) => s.report.get(input.incidentId),
    'report.update': (input) => s.report.update(input),
    'report.setStatus': (input) => s.report.setStatus(input),
    'report.addActionItem': (input) => s.report.addActionItem(input),
    'report.updateActionItem': (input) => s.report.updateActionItem(input),
    'report.removeActionItem': (input) => s.report.removeActionItem(input),
    'report.issueText': (input) => s.report.issueText(input),
    'report.export': (input) => s.report.export(input),
    'report.debt': () => s.report.debt(),
  };
}
