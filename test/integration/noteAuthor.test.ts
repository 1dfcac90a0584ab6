// Notes are signed with the roster person marked "me", not with their id.
import { afterEach, expect, it } from 'vitest';
import { testCore } from '../helpers/core';

const open: Array<{ cleanup(): void }> = [];
afterEach(() => open.splice(0).forEach((c) => c.cleanup()));

it('signs notes with the name of the person marked "me", and "me" before anyone is', async () => {
  const t = testCore();
  open.push(t);
  const inc = await t.core.invoke('incidents.declare', { title: 'Author check' });
  if (!inc.ok) throw new Error(inc.error.message);
  const incidentId = (inc.value as { id: string }).id;
  const before = await t.core.invoke('notes.append', { incidentId, body: 'first' });
  expect(before.ok && (before.value as { author: string }).author).toBe('me');
  const ada = await t.core.invoke('people.save', { name: 'Ada Lovelace', timezone: 'Europe/London' });
  if (!ada.ok) throw new Error(ada.error.message);
  await t.core.invoke('people.setMe', { personId: (ada.value as { id: string }).id });
  const after = await t.core.invoke('notes.append', { incidentId, body: 'second' });
  expect(after.ok && (after.value as { author: string }).author).toBe('Ada Lovelace');
});
