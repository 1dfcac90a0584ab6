// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventPayload } from '../../shared/contract';
import { useIncidents } from './features/incidents/store';
import { useNotes } from './features/notes/store';
import { useTimeline } from './features/timeline/store';

export function connectEvents(api: ApiWithEvents): () => void {
  return api.subscribe((name, payload) => {
    switch (name) {
      case 'incidents.declared':
        useIncidents.getState().received(payload as EventPayload<'incidents.declared'>);
        break;
      case 'notes.appended':
        useNotes.getState().received(payload as EventPayload<'notes.appended'>);
        break;
      case 'notes.changed':
        useNotes.getState().changed(payload as EventPayload<'notes.changed'>);
        break;
      case 'outbox.changed':
        useNotes.getState().outboxChanged(payload as EventPayload<'outbox.changed'>);
        break;
      case 'timeline.appended':
        useTimeline.getState().received(payload as EventPayload<'timeline.appended'>);
        break;
      case 'timeline.changed':
        useTimeline.getState().changed(payload as EventPayload<'timeline.changed'>);
        break;
    }
  });
}
