// In-process event bus: services publish after COMMIT; shells forward to the renderer.
import type { EventName, EventPayload } from '../../shared/contract';

export type AnyListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private listeners = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        // A broken subscriber (a closed window) must never fail the operation that emitted.
      }
    }
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
