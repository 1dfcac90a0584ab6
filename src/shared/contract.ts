// The one contract: every operation (domain.verb) and event (domain.pastTense) Conn exposes.
// The preload's window.api, the main handler table and the web routes are all derived from it.
import type { z } from 'zod';
import type { Result } from './result';
import { incidentEvents, incidentOps } from './ops/incidents';
import { integrationEvents, integrationOps } from './ops/integrations';
import { outboxEvents, outboxOps } from './ops/outbox';
import { reportEvents, reportOps } from './ops/report';
import { noteEvents, noteOps } from './ops/notes';
import { searchEvents, searchOps } from './ops/search';
import { timelineEvents, timelineOps } from './ops/timeline';
import { peopleEvents, peopleOps } from './ops/people';
import { roleEvents, roleOps } from './ops/roles';
import { runbookEvents, runbookOps } from './ops/runbooks';
import { checklistEvents, checklistOps } from './ops/checklist';
import { reminderEvents, reminderOps } from './ops/reminders';
import { uiEvents, uiOps } from './ops/ui';
import { updateEvents, updateOps } from './ops/updates';
import { handoffEvents, handoffOps } from './ops/handoff';
import { recordImportOps } from './ops/recordImport';
import { registerOps } from './ops/register';
import { backfillOps } from './ops/backfill';
import { checkEvents, checkOps } from './ops/checks';
import { hubEvents, hubOps } from './ops/hubs';
import { githubLinkEvents, githubLinkOps } from './ops/githubLinks';
import type { eventNames, opNames } from './opNames';

// One line per domain: each domain's file owns its operations and events.
export const operations = {
  ...incidentOps,
  ...timelineOps,
  ...outboxOps,
  ...peopleOps,
  ...roleOps,
  ...runbookOps,
  ...checklistOps,
  ...integrationOps,
  ...reportOps,
  ...reminderOps,
  ...updateOps,
  ...uiOps,
  ...noteOps,
  ...searchOps,
  ...recordImportOps,
  ...handoffOps,
  ...checkOps,
  ...registerOps,
  ...backfillOps,
  ...hubOps,
  ...githubLinkOps,
} as const;

export const events = {
  ...incidentEvents,
  ...timelineEvents,
  ...outboxEvents,
  ...peopleEvents,
  ...roleEvents,
  ...runbookEvents,
  ...checklistEvents,
  ...integrationEvents,
  ...reportEvents,
  ...reminderEvents,
  ...updateEvents,
  ...uiEvents,
  ...noteEvents,
  ...searchEvents,
  ...handoffEvents,
  ...checkEvents,
  ...hubEvents,
  ...githubLinkEvents,
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type EventName = keyof typeof events;

/** What a caller sends (before defaults/transforms). */
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
/** What a handler receives (after validation). */
export type OpParsed<K extends OpName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OpName> = NonNullable<Operations[K]['output']>;
export type EventPayload<E extends EventName> = NonNullable<(typeof events)[E]['payload']>;

/** The renderer's view of the backend, identical in both shells. */
export type Api = {
  [K in OpName]: (input: OpInput<K>) => Promise<Result<OpOutput<K>>>;
};

/**
 * Where a transport's event stream stands. 'live': it just opened or reopened, and every event from now on arrives;
 * any event before this moment (while it was down, or before it first opened) may have been missed, so whoever shows
 * state must read it again. 'lost': it dropped and is reconnecting on its own (nothing arrives until the next 'live').
 * 'refused': the server no longer takes this page's access token (it restarted and chose a new one), so no retry can
 * succeed and the stream stops: only opening the address the server printed again brings the page back.
 */
export type StreamState = 'live' | 'lost' | 'refused';

export interface ApiWithEvents {
  call: Api;
  /**
   * Subscribe to every event; returns the unsubscribe function. `onStream` hears the stream open, drop and reopen: the
   * web shell's stream can drop and miss events; the desktop's IPC channel cannot (it is open before the first call),
   * so it never calls `onStream`.
   */
  subscribe(listener: (name: EventName, payload: unknown) => void, onStream?: (state: StreamState) => void): () => void;
  /**
   * Web shell only: use this access token from now on (the server restarted with a new one). Calls take it at once;
   * a stream that was 'refused' tries again with it. The desktop shell has no token and no such method.
   */
  reauthorize?(token: string): void;
}

export const isOpName = (name: string): name is OpName => Object.prototype.hasOwnProperty.call(operations, name);

// Compile-time proof that the preload's name lists match the contract exactly.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<(typeof opNames)[number], OpName> = true;
const eventsMatch: Same<(typeof eventNames)[number], EventName> = true;
void namesMatch;
void eventsMatch;
