// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventPayload } from '../../shared/contract';
import { useIncidents } from './features/incidents/store';
import { useOutbox } from './features/outbox/store';
import { useSettings } from './features/settings/store';

export function connectEvents(api: ApiWithEvents): () => void {
  return api.subscribe((name, payload) => {
    switch (name) {
      case 'incidents.declared':
        useIncidents.getState().received(payload as EventPayload<'incidents.declared'>);
        break;
      case 'outbox.changed':
        useOutbox.getState().jobChanged(payload as EventPayload<'outbox.changed'>);
        break;
      case 'outbox.statusChanged':
        useOutbox.getState().statusChanged(payload as EventPayload<'outbox.statusChanged'>);
        break;
      case 'integrations.changed':
        useSettings.getState().received(payload as EventPayload<'integrations.changed'>);
        break;
    }
  });
}
