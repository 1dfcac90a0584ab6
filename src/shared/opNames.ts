// Operation and event names only, for the preload (which must stay tiny and schema-free).
// contract.test.ts proves these lists equal the contract's keys.
export const opNames = ['incidents.declare', 'incidents.list'] as const;
export const eventNames = ['incidents.declared', 'timeline.appended', 'outbox.changed'] as const;
