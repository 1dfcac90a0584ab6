// Outbox operations and events.
import type { OutboxJob } from '../outbox';
import { event } from './define';

export const outboxOps = {};

export const outboxEvents = {
  'outbox.changed': event<OutboxJob>(),
};
