// Operation and event names only, for the preload (which must stay tiny and schema-free).
// contract.test.ts proves these lists equal the contract's keys.
export const opNames = [
  'incidents.declare',
  'incidents.list',
  'notes.append',
  'notes.list',
  'notes.edit',
  'notes.history',
  'notes.pin',
  'notes.share',
  'notes.saveDraft',
  'notes.getDraft',
  'timeline.list',
  'timeline.setInReport',
  'timeline.setSummary',
  'timeline.setTimeZone',
  'search.query',
] as const;
export const eventNames = [
  'incidents.declared',
  'timeline.appended',
  'outbox.changed',
  'notes.appended',
  'notes.changed',
  'timeline.changed',
] as const;
