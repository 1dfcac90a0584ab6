// Operation and event names only, for the preload (which must stay tiny and schema-free).
// contract.test.ts proves these lists equal the contract's keys.
export const opNames = [
  'incidents.declare',
  'incidents.list',
  'reminders.list',
  'reminders.snooze',
  'reminders.setQuietHours',
  'updates.setCadence',
  'updates.draft',
  'updates.send',
] as const;
export const eventNames = [
  'incidents.declared',
  'timeline.appended',
  'outbox.changed',
  'reminders.fired',
  'reminders.changed',
  'updates.posted',
  'ui.actionRequested',
] as const;
