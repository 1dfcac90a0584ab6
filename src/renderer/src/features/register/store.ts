// Outage register state: the filter, the rows and months it gave, and the CSV export. Owns the register's api calls.
import { create } from 'zustand';
import type { OpInput } from '../../../../shared/contract';
import type { BackfillDebtItem } from '../../../../shared/ops/backfill';
import type { Register } from '../../../../shared/register';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

export type RegisterFilter = NonNullable<OpInput<'register.list'>>;

interface RegisterState {
  filter: RegisterFilter;
  register: Register | null;
  error: ApiError | null;
  setFilter(f: RegisterFilter): void;
  load(): Promise<void>;
  /** The CSV for the current filter, or null (the error is kept). */
  csv(): Promise<{ fileName: string; csv: string } | null>;
  /** PagerDuty incidents owing a report (null until loaded), and the last backfill problem. */
  pdDebt: BackfillDebtItem[] | null;
  backfillError: ApiError | null;
  backfilling: string | null;
  loadPdDebt(): Promise<void>;
  /** Builds (or refreshes) the incident from PagerDuty; its Conn id, or null (the error is kept). */
  backfill(pagerdutyIncident: string): Promise<string | null>;
}

/** Blank fields are no filter. */
const clean = (f: RegisterFilter): RegisterFilter =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as RegisterFilter;

export const useRegister = create<RegisterState>((set, get) => ({
  filter: {},
  register: null,
  error: null,
  setFilter(filter) {
    set({ filter });
    void get().load();
  },
  async load() {
    const res = await api().call['register.list'](clean(get().filter));
    if (res.ok) set({ register: res.value, error: null });
    else set({ error: res.error });
  },
  pdDebt: null,
  backfillError: null,
  backfilling: null,
  async loadPdDebt() {
    const res = await api().call['backfill.debt']({});
    if (res.ok) set({ pdDebt: res.value, backfillError: null });
    else set({ backfillError: res.error });
  },
  async backfill(pagerdutyIncident) {
    set({ backfilling: pagerdutyIncident, backfillError: null });
    const res = await api().call['backfill.start']({ pagerdutyIncident });
    set({ backfilling: null });
    if (!res.ok) {
      set({ backfillError: res.error });
      return null;
    }
    void get().load();
    return res.value.incident.id;
  },
  async csv() {
    const res = await api().call['register.csv'](clean(get().filter));
    if (res.ok) return res.value;
    set({ error: res.error });
    return null;
  },
}));
