// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventPayload } from '../../shared/contract';
import { useChecklist } from './features/checklist/store';
import { useIncidents } from './features/incidents/store';
import { useRoles } from './features/people/rolesStore';
import { usePeople } from './features/people/store';
import { useOutbox } from './features/outbox/store';
import { useSettings } from './features/settings/store';
import { useReport } from './features/report/store';
import { showBrowserNotification } from './features/reminders/browserNotify';
import { useReminders } from './features/reminders/store';
import { useUpdates } from './features/updates/store';

function openComposer(incidentId: string): void {
  useIncidents.getState().select(incidentId);
  void useUpdates.getState().open(incidentId);
}
import { useNotes } from './features/notes/store';
import { useHandoff } from './features/handoff/store';
import { useTimeline } from './features/timeline/store';

/**
 * Runs queued work just after the next frame is painted (or within 100 ms when the page is hidden and frames stop):
 * events that arrive while someone types are applied at the start of a frame, never between a key and its paint.
 * Order is kept: everything goes through one queue.
 */
function frameQueue(): (fn: () => void) => void {
  const queue: Array<() => void> = [];
  let scheduled = false;
  const flush = () => {
    if (!scheduled) return;
    scheduled = false;
    for (const fn of queue.splice(0)) fn();
  };
  return (fn) => {
    queue.push(fn);
    if (scheduled) return;
    scheduled = true;
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(flush, 0));
    setTimeout(flush, 100);
  };
}

export function connectEvents(api: ApiWithEvents): () => void {
  const later = frameQueue();
  return api.subscribe((name, payload) => later(() => route(name, payload)));
}

function route(name: string, payload: unknown): void {
  switch (name) {
    case 'incidents.declared':
    case 'incidents.updated':
      useIncidents.getState().received(payload as EventPayload<'incidents.updated'>);
      void useReminders.getState().load();
      break;
    case 'people.changed':
      usePeople.getState().received(payload as EventPayload<'people.changed'>);
      break;
    case 'roles.changed':
      useRoles.getState().received(payload as EventPayload<'roles.changed'>);
      break;
    case 'checklist.changed':
      useChecklist.getState().received(payload as EventPayload<'checklist.changed'>);
      break;
    case 'outbox.changed':
      useChecklist.getState().jobChanged(payload as EventPayload<'outbox.changed'>);
      useOutbox.getState().jobChanged(payload as EventPayload<'outbox.changed'>);
      useNotes.getState().outboxChanged(payload as EventPayload<'outbox.changed'>);
      break;
    case 'outbox.statusChanged':
      useOutbox.getState().statusChanged(payload as EventPayload<'outbox.statusChanged'>);
      break;
    case 'integrations.changed':
      useSettings.getState().received(payload as EventPayload<'integrations.changed'>);
      break;
    case 'report.changed':
      useReport.getState().changed(payload as EventPayload<'report.changed'>);
      break;
    case 'timeline.appended':
      useReport.getState().timelineChanged((payload as EventPayload<'timeline.appended'>).incidentId);
      useTimeline.getState().received(payload as EventPayload<'timeline.appended'>);
      break;
    case 'reminders.fired': {
      const n = payload as EventPayload<'reminders.fired'>;
      useReminders.getState().fired(n);
      showBrowserNotification(n, () =>
        n.incidentId && n.kind !== 'report_debt' ? openComposer(n.incidentId) : undefined,
      );
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
    case 'notes.appended':
      useNotes.getState().received(payload as EventPayload<'notes.appended'>);
      break;
    case 'notes.changed':
      useNotes.getState().changed(payload as EventPayload<'notes.changed'>);
      break;
    case 'handoff.recorded':
    case 'handoff.changed':
      useHandoff.getState().statusChanged(payload as EventPayload<'handoff.changed'>);
      break;
    case 'timeline.changed':
      useTimeline.getState().changed(payload as EventPayload<'timeline.changed'>);
      break;
  }
}
