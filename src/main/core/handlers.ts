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
    'notes.append': (input) => s.notes.append(input),
    'notes.list': (input) => s.notes.list(input),
    'notes.edit': (input) => s.notes.edit(input),
    'notes.history': (input) => s.notes.history(input),
    'notes.pin': (input) => s.notes.pin(input),
    'notes.share': (input) => s.notes.share(input),
    'notes.saveDraft': (input) => s.notes.saveDraft(input),
    'notes.getDraft': (input) => s.notes.getDraft(input),
    'timeline.list': (input) => s.timeline.list(input),
    'timeline.setInReport': (input) => s.timeline.setInReport(input),
    'timeline.setSummary': (input) => s.timeline.setSummary(input),
    'timeline.setTimeZone': (input) => s.timeline.setTimeZone(input),
    'search.query': (input) => s.search.query(input),
  };
}
