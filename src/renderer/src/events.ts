// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventPayload } from '../../shared/contract';
import { useIncidents } from './features/incidents/store';

export function connectEvents(api: ApiWithEvents): () => void {
  return api.subscribe((name, payload) => {
    switch (name) {
      case 'incidents.declared':
        useIncidents.getState().received(payload as EventPayload<'incidents.declared'>);
        break;
    }
  });
}
