// Outbox state: the global status for the top bar and the job list for the panel. Owns the outbox api calls.
import { create } from 'zustand';
import type { OutboxJob, OutboxJobView, OutboxStatus, ResolveChoice } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface OutboxState {
  status: OutboxStatus | null;
  jobs: OutboxJobView[];
  error: ApiError | null;
  busy: Record<string, boolean>;
  loadStatus(): Promise<void>;
  loadJobs(): Promise<void>;
  retry(jobId: string): Promise<void>;
  discard(jobId: string): Promise<void>;
  /** Settles a job whose arrival is unknown: it arrived / send again / discard. */
  resolve(jobId: string, choice: ResolveChoice): Promise<void>;
  /** Returns null on success, or the error to show beside the editor (the typed text is kept). */
  edit(jobId: string, payloadText: string): Promise<string | null>;
  jobChanged(job: OutboxJob): void;
  statusChanged(status: OutboxStatus): void;
}

let refresh: ReturnType<typeof setTimeout> | null = null;

export const useOutbox = create<OutboxState>((set, get) => {
  const act = async (jobId: string, run: () => Promise<{ ok: boolean; error?: ApiError }>) => {
    set({ busy: { ...get().busy, [jobId]: true }, error: null });
    const res = await run();
    set({ busy: { ...get().busy, [jobId]: false }, error: res.ok ? null : (res.error ?? null) });
    await Promise.all([get().loadJobs(), get().loadStatus()]);
  };
  return {
    status: null,
    jobs: [],
    error: null,
    busy: {},
    async loadStatus() {
      const res = await api().call['outbox.status']({});
      if (res.ok) set({ status: res.value });
    },
    async loadJobs() {
      const res = await api().call['outbox.list']({});
      if (res.ok) set({ jobs: res.value });
      else set({ error: res.error });
    },
    retry: (jobId) => act(jobId, () => api().call['outbox.retry']({ jobId })),
    discard: (jobId) => act(jobId, () => api().call['outbox.discard']({ jobId })),
    resolve: (jobId, choice) => act(jobId, () => api().call['outbox.resolve']({ jobId, choice })),
    async edit(jobId, payloadText) {
      let payload: unknown;
      try {
        payload = JSON.parse(payloadText);
      } catch {
        return 'That is not valid JSON: check the quotes and braces.';
      }
      if (!payload || typeof payload !== 'object' || Array.isArray(payload))
        return 'The payload must be a JSON object.';
      const res = await api().call['outbox.edit']({ jobId, payload: payload as Record<string, unknown> });
      if (!res.ok) return res.error.message;
      await Promise.all([get().loadJobs(), get().loadStatus()]);
      return null;
    },
    jobChanged() {
      // Bursts of job changes (a queue draining) refresh once.
      if (refresh) return;
      refresh = setTimeout(() => {
        refresh = null;
        void get().loadStatus();
        void get().loadJobs();
      }, 250);
    },
    statusChanged(status) {
      set({ status });
    },
  };
});
