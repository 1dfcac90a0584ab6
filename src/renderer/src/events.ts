// Routes backend events into the stores that care about them.
import type { ApiWithEvents, EventName, EventPayload } from '../../shared/contract';
import { useChecklist } from './features/checklist/store';
import { useIncidents } from './features/incidents/store';
import { useRoles } from './features/people/rolesStore';
import { usePeople } from './features/people/store';
import { useOutbox } from './features/outbox/store';
import { useSettings } from './features/settings/store';
import { useReport } from './features/report/store';
import { usePublish } from './features/report/publishStore';
import { showBrowserNotification } from './features/reminders/browserNotify';
import { useReminders } from './features/reminders/store';
import { useUpdates } from './features/updates/store';
import { useNotes } from './features/notes/store';
import { useHandoff } from './features/handoff/store';
import { useTimeline } from './features/timeline/store';
import { hubEvents } from './features/hubs/store';
import { useGitHubItems } from './features/timeline/githubStore';
import { useConnection } from './features/connection/store';

function openComposer(incidentId: string): void {
  useIncidents.getState().select(incidentId);
  void useUpdates.getState().open(incidentId);
}

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
  return api.subscribe(
    (name, payload) => later(() => route(name, payload)),
    (state) => {
      useConnection.getState().streamChanged(state);
      // In the same queue as the events: a re-read starts after every event that came before the stream reopened.
      if (state === 'live') later(resync);
    },
  );
}

/**
 * The event stream (re)opened: events sent while it was down, or before it first opened, were missed, so each store
 * an event route below feeds reads again what the page shows, through its own load. Per incident that is the one on
 * screen (its panels load another incident afresh when it is opened); a store that never loaded stays unloaded.
 */
export function resync(): void {
  const shown = useIncidents.getState().selectedId;
  const held = (byIncident: Record<string, unknown>) => (shown && byIncident[shown] ? shown : null);
  void useIncidents.getState().load();
  if (usePeople.getState().loaded) void usePeople.getState().load();
  const roles = held(useRoles.getState().byIncident);
  if (roles) void useRoles.getState().load(roles);
  const checklist = held(useChecklist.getState().steps);
  if (checklist) void useChecklist.getState().load(checklist);
  void useOutbox.getState().loadStatus();
  void useOutbox.getState().loadJobs();
  if (useSettings.getState().view) void useSettings.getState().load();
  const report = held(useReport.getState().views);
  if (report) void useReport.getState().load(report);
  void useReport.getState().loadDebt();
  const publication = held(usePublish.getState().byIncident);
  if (publication) void usePublish.getState().load(publication);
  void useReminders.getState().load();
  // The notes and timeline panes: re-read when they show the newest end (an older window gains nothing by events).
  const notes = useNotes.getState();
  if (notes.incidentId && !notes.hasAfter) void notes.open(notes.incidentId);
  // A draft whose save failed while the server was away is saved now, not at the next keystroke.
  void notes.retryDraft();
  const timeline = useTimeline.getState();
  if (timeline.incidentId && !timeline.hasAfter) void timeline.open(timeline.incidentId);
  void useHandoff.getState().catchUp();
  hubEvents.resync(shown);
  const links = held(useGitHubItems.getState().byIncident);
  if (links) void useGitHubItems.getState().load(links);
}

type EventRoutes = { [E in EventName]?: (payload: EventPayload<E>) => void };

/** Which stores hear which event; the compiler checks each handler against its event's payload. */
const routes = {
  'incidents.declared': (incident) => {
    useIncidents.getState().received(incident);
    void useReminders.getState().load();
  },
  'incidents.updated': (incident) => {
    useIncidents.getState().received(incident);
    void useReminders.getState().load();
  },
  'people.changed': (people) => usePeople.getState().received(people),
  'roles.changed': (roles) => useRoles.getState().received(roles),
  'checklist.changed': (change) => {
    useChecklist.getState().received(change);
    usePublish.getState().checklistChanged(change.incidentId);
  },
  'outbox.changed': (job) => {
    useChecklist.getState().jobChanged(job);
    useOutbox.getState().jobChanged(job);
    useNotes.getState().outboxChanged(job);
    hubEvents.outboxChanged(job);
    usePublish.getState().jobChanged(job);
    // An action item's issue request moved (queued, failed, sent): its row shows where it stands.
    if (job.kind === 'github.createIssue' && job.incidentId) useReport.getState().timelineChanged(job.incidentId);
  },
  'outbox.statusChanged': (status) => useOutbox.getState().statusChanged(status),
  'integrations.changed': (view) => useSettings.getState().received(view),
  'report.changed': (change) => useReport.getState().changed(change),
  'timeline.appended': (entry) => {
    useReport.getState().timelineChanged(entry.incidentId);
    useTimeline.getState().received(entry);
  },
  'reminders.fired': (n) => {
    useReminders.getState().fired(n);
    showBrowserNotification(n, () =>
      n.incidentId && n.kind !== 'report_debt' ? openComposer(n.incidentId) : undefined,
    );
  },
  'reminders.changed': () => void useReminders.getState().load(),
  'ui.actionRequested': (a) => {
    if (a.action === 'openComposer') openComposer(a.incidentId);
    else useIncidents.getState().select(a.incidentId); // quickNote: the notes feature focuses its input
  },
  'notes.appended': (note) => useNotes.getState().received(note),
  'notes.changed': (change) => useNotes.getState().changed(change),
  'handoff.recorded': (status) => useHandoff.getState().statusChanged(status),
  'handoff.changed': (status) => useHandoff.getState().statusChanged(status),
  'timeline.changed': (change) => useTimeline.getState().changed(change),
  'registry.changed': hubEvents.registryChanged,
  'scope.changed': hubEvents.scopeChanged,
  'health.changed': hubEvents.healthChanged,
  'github.linksChanged': (view) => useGitHubItems.getState().received(view),
} satisfies EventRoutes;

/**
 * Events no store routes, each for a reason. The check below fails to compile when an event is added to the
 * contract without a route or a line here (a switch let checks.completed and updates.posted fall through unseen).
 * - checks.completed: the steps a check confirms arrive as checklist.changed; the run itself is the answer to
 *   checks.run for whoever asked.
 * - updates.posted: its timeline entry and outbox jobs arrive as timeline.appended and outbox.changed, the
 *   reminder it resets as reminders.changed; the sender's composer holds the answer to updates.send.
 */
type Unrouted = 'checks.completed' | 'updates.posted';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyEventConsidered: Same<Exclude<EventName, keyof typeof routes>, Unrouted> = true;
void everyEventConsidered;

/** The one place the transport's untyped payload meets the typed table: the core emitted it under this name. */
function route(name: EventName, payload: unknown): void {
  const handler = (routes as EventRoutes)[name] as ((payload: unknown) => void) | undefined;
  handler?.(payload);
}
