// In-process event bus: services publish after COMMIT; shells forward to the renderer.
import type { EventName, EventPayload } from '../../shared/contract';

export type AnyListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private listeners = new Set<AnyListener>();
  /** Events held while a use case's outer transaction is open (see afterCommit). */
  private held: Array<[EventName, unknown]> | null = null;

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (this.held) {
      this.held.push([name, payload]);
      return;
    }
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        // A broken subscriber (a closed window) must never fail the operation that emitted.
      }
    }
  }

  /**
   * Runs `write` (one outer transaction spanning several services) with every event held: they go out once it
   * returns, after its COMMIT, and are dropped if it throws (nothing was written, so nothing is announced).
   */
  afterCommit<T>(write: () => T): T {
    if (this.held) return write(); // already inside one: the outermost releases
    this.held = [];
    let out: T;
    try {
      out = write();
    } catch (err) {
      this.held = null;
      throw err;
    }
    const events = this.held;
    this.held = null;
    for (const [name, payload] of events) this.emit(name, payload as never);
    return out;
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
