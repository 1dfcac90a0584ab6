// Outage register state: the filter, the rows and months it gave, and the CSV export. Owns the register's api calls.
import { create } from 'zustand';
import type { OpInput } from '../../../../shared/contract';
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
  async csv() {
    const res = await api().call['register.csv'](clean(get().filter));
    if (res.ok) return res.value;
    set({ error: res.error });
    return null;
  },
}));
