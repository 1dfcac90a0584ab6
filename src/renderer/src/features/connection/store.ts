// Whether the page hears the backend's events: the web shell's event stream can drop (the server restarted, the
// laptop slept) and reconnects on its own. Set by events.ts from the transport; null until the stream first answers.
import { create } from 'zustand';
import type { StreamState } from '../../../../shared/contract';

interface ConnectionState {
  stream: StreamState | null;
  streamChanged(state: StreamState): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  stream: null,
  streamChanged: (stream) => set({ stream }),
}));
