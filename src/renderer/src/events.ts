// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventPayload } from '../../shared/contract';
import { useIncidents } from './features/incidents/store';
import { useReport } from './features/report/store';

export function connectEvents(api: ApiWithEvents): () => void {
  return api.subscribe((name, payload) => {
    switch (name) {
      case 'incidents.declared':
        useIncidents.getState().received(payload as EventPayload<'incidents.declared'>);
        break;
      case 'report.changed':
        useReport.getState().changed(payload as EventPayload<'report.changed'>);
        break;
      case 'timeline.appended':
        useReport.getState().timelineChanged((payload as EventPayload<'timeline.appended'>).incidentId);
        break;
    }
  });
}
