// Roster state: the people, who "me" is, and saving/removing. Owns every people.* api call.
import { create } from 'zustand';
import type { OpInput } from '../../../../shared/contract';
import type { PeopleChanged } from '../../../../shared/ops/people';
import type { Person } from '../../../../shared/people';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { snapshotRace } from '../../api/overtaken';

interface PeopleState {
  people: Person[];
  /** Everyone ever in the roster, so removed people still have names on old incidents. */
  everyone: Record<string, Person>;
  meId: string | null;
  loaded: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  save(input: OpInput<'people.save'>): Promise<Person | null>;
  remove(personId: string): Promise<boolean>;
  setMe(personId: string | null): Promise<void>;
  received(change: PeopleChanged): void;
}

const index = (list: Person[], into: Record<string, Person> = {}) => {
  const out = { ...into };
  for (const p of list) out[p.id] = p;
  return out;
};

// A people.changed event carries the whole roster: a roster read before it must not put back the older one.
const race = snapshotRace<'roster'>();

export const usePeople = create<PeopleState>((set, get) => ({
  people: [],
  everyone: {},
  meId: null,
  loaded: false,
  error: null,
  async load() {
    const {
      value: [all, me],
      overtaken,
    } = await race.read('roster', () =>
      Promise.all([api().call['people.list']({ includeRemoved: true }), api().call['people.me']({})]),
    );
    if (!all.ok) return set({ error: all.error });
    // Overtaken: the event's roster is newer, but the removed people's names are still worth keeping.
    if (overtaken)
      return set({ everyone: index(get().people, index(all.value, get().everyone)), loaded: true, error: null });
    set({
      people: all.value.filter((p) => !p.removed),
      everyone: index(all.value),
      meId: me.ok ? (me.value.me?.id ?? null) : null,
      loaded: true,
      error: null,
    });
  },
  async save(input) {
    set({ error: null });
    const res = await api().call['people.save'](input);
    if (!res.ok) {
      set({ error: res.error });
      return null;
    }
    const others = get().people.filter((p) => p.id !== res.value.id);
    set({
      people: [...others, res.value].sort((a, b) => a.name.localeCompare(b.name)),
      everyone: index([res.value], get().everyone),
    });
    return res.value;
  },
  async remove(personId) {
    const res = await api().call['people.remove']({ personId });
    if (!res.ok) {
      set({ error: res.error });
      return false;
    }
    set({
      people: get().people.filter((p) => p.id !== personId),
      everyone: index([res.value], get().everyone),
      meId: get().meId === personId ? null : get().meId,
    });
    return true;
  },
  async setMe(personId) {
    const res = await api().call['people.setMe']({ personId });
    if (!res.ok) set({ error: res.error });
    else set({ meId: res.value.me?.id ?? null });
  },
  received(change) {
    race.heard('roster');
    set({ people: change.people, everyone: index(change.people, get().everyone), meId: change.meId });
  },
}));
