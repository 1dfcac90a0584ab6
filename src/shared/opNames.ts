// Operation and event names only, for the preload (which must stay tiny and schema-free).
// contract.test.ts proves these lists equal the contract's keys.
export const opNames = [
  'incidents.declare',
  'incidents.list',
  'outbox.list',
  'outbox.retry',
  'outbox.discard',
  'outbox.edit',
  'outbox.status',
  'integrations.get',
  'integrations.save',
  'integrations.test',
  'integrations.acceptWeakStorage',
] as const;
export const eventNames = ['incidents.declared', 'timeline.appended', 'outbox.changed', 'outbox.statusChanged', 'integrations.changed'] as const;
