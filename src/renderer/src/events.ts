// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventPayload } from '../../shared/contract';
import { useIncidents } from './features/incidents/store';
import { showBrowserNotification } from './features/reminders/browserNotify';
import { useReminders } from './features/reminders/store';
import { useUpdates } from './features/updates/store';

function openComposer(incidentId: string): void {
  useIncidents.getState().select(incidentId);
  void useUpdates.getState().open(incidentId);
}

export function connectEvents(api: ApiWithEvents): () => void {
  return api.subscribe((name, payload) => {
    switch (name) {
      case 'incidents.declared':
        useIncidents.getState().received(payload as EventPayload<'incidents.declared'>);
        void useReminders.getState().load();
        break;
      case 'reminders.fired': {
        const n = payload as EventPayload<'reminders.fired'>;
        useReminders.getState().fired(n);
        showBrowserNotification(n, () => (n.incidentId && n.kind !== 'report_debt' ? openComposer(n.incidentId) : undefined));
        break;
      }
      case 'reminders.changed':
        void useReminders.getState().load();
        break;
      case 'ui.actionRequested': {
        const a = payload as EventPayload<'ui.actionRequested'>;
        if (a.action === 'openComposer') openComposer(a.incidentId);
        else useIncidents.getState().select(a.incidentId); // quickNote: the notes feature focuses its input
        break;
      }
    }
  });
}
