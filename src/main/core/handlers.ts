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
    'outbox.list': (input) => s.outbox.list(input),
    'outbox.retry': (input) => s.outbox.retry(input),
    'outbox.discard': (input) => s.outbox.discard(input),
    'outbox.edit': (input) => s.outbox.edit(input),
    'outbox.status': () => s.outbox.status(),
    'integrations.get': () => s.integrations.get(),
    'integrations.save': (input) => s.integrations.save(input),
    'integrations.test': (input) => s.integrations.test(input),
    'integrations.acceptWeakStorage': (input) => s.integrations.acceptWeakStorage(input),
  };
}
