// Operation and event names only, for the preload (which must stay tiny and schema-free).
// contract.test.ts proves these lists equal the contract's keys.
export const opNames = [
  'incidents.declare',
  'incidents.list',
  'report.get',
  'report.update',
  'report.setStatus',
  'report.addActionItem',
  'report.updateActionItem',
  'report.removeActionItem',
  'report.issueText',
  'report.export',
  'report.debt',
] as const;
export const eventNames = ['incidents.declared', 'timeline.appended', 'outbox.changed', 'report.changed'] as const;
