import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, failure, timelineOf } from '../helpers/call';
import { cleanAfterEach, testCore } from '../helpers/core';

describe('people and roles through the core', () => {
  const fresh = cleanAfterEach(testCore);
  const setup = async () => {
    const t = fresh();
    const ada = await call(t.core, 'people.save', {
      name: 'Ada',
      timezone: 'Europe/Berlin',
      email: 'ada@example.org',
      pagerdutyUserId: 'PADA',
    });
    const bo = await call(t.core, 'people.save', {
      name: 'Bo',
      timezone: 'America/Los_Angeles',
      workingHours: { start: '09:00', end: '17:00' },
    });
    const cy = await call(t.core, 'people.save', { name: 'Cy', timezone: 'Asia/Kolkata' });
    return { ...t, ada, bo, cy };
  };

  it('keeps a roster with validated timezones, edits, removal, and a "me"', async () => {
    const t = await setup();
    const bad = await failure(t.core, 'people.save', { name: 'Zed', timezone: 'Mars/Olympus', email: 'nope' });
    expect(bad.code).toBe('invalid_input');
    const fields = (bad.details as { fields: Array<{ path: string }> }).fields.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['timezone', 'email']));

    const edited = await call(t.core, 'people.save', {
      id: t.bo.id,
      name: 'Bo Chen',
      timezone: 'UTC',
      slackUserId: 'UBO',
    });
    expect(edited).toMatchObject({ name: 'Bo Chen', timezone: 'UTC', slackUserId: 'UBO', workingHours: null });
    expect((await failure(t.core, 'people.save', { id: 'ghost', name: 'x', timezone: 'UTC' })).code).toBe('not_found');

    expect((await call(t.core, 'people.me', {})).me).toBeNull();
    await call(t.core, 'people.setMe', { personId: t.ada.id });
    expect((await call(t.core, 'people.me', {})).me?.name).toBe('Ada');
    await call(t.core, 'people.remove', { personId: t.ada.id });
    expect((await call(t.core, 'people.me', {})).me).toBeNull();
    expect((await call(t.core, 'people.list', {})).map((p) => p.name)).toEqual(['Bo Chen', 'Cy']);
    expect((await call(t.core, 'people.list', { includeRemoved: true })).map((p) => [p.name, p.removed])).toEqual([
      ['Ada', true],
      ['Bo Chen', false],
      ['Cy', false],
    ]);
  });

  it('declares with a commander; the liaison defaults to them until someone else is given the duty', async () => {
    const t = await setup();
    const inc = await call(t.core, 'incidents.declare', { title: 'Hub down', commander: t.ada.id });
    expect(inc.commanderId).toBe(t.ada.id);
    let roles = await call(t.core, 'roles.list', { incidentId: inc.id });
    expect(roles).toMatchObject({ commander: { name: 'Ada' }, liaison: { name: 'Ada' }, liaisonIsCommander: true });
    roles = await call(t.core, 'roles.assign', { incidentId: inc.id, role: 'external_liaison', personId: t.cy.id });
    expect(roles).toMatchObject({ liaison: { name: 'Cy' }, liaisonIsCommander: false });
    roles = await call(t.core, 'roles.unassign', { incidentId: inc.id, role: 'external_liaison', personId: t.cy.id });
    expect(roles).toMatchObject({ liaison: { name: 'Ada' }, liaisonIsCommander: true });
    expect(
      timelineOf(t.core, inc.id)
        .filter((e) => e.source === 'role')
        .map((e) => e.body),
    ).toEqual([
      'Ada is now Incident Commander',
      'Cy is now External Liaison',
      'Cy is no longer External Liaison; the commander keeps the liaison duty',
    ]);
  });

  it('hands command over, keeps one tech lead among the SMEs, and records every change', async () => {
    const t = await setup();
    await call(t.core, 'people.setMe', { personId: t.cy.id });
    const inc = await call(t.core, 'incidents.declare', { title: 'Dask broken', commander: t.ada.id });
    const id = inc.id;
    t.clock.advance(5 * 60_000);
    await call(t.core, 'roles.assign', { incidentId: id, role: 'incident_commander', personId: t.bo.id });
    expect((await call(t.core, 'incidents.get', { incidentId: id })).commanderId).toBe(t.bo.id);
    await call(t.core, 'roles.assign', {
      incidentId: id,
      role: 'subject_matter_expert',
      personId: t.ada.id,
      techLead: true,
    });
    await call(t.core, 'roles.assign', { incidentId: id, role: 'subject_matter_expert', personId: t.cy.id });
    let roles = await call(t.core, 'roles.assign', {
      incidentId: id,
      role: 'subject_matter_expert',
      personId: t.cy.id,
      techLead: true,
    });
    expect(roles.smes.map((s) => [s.person.name, s.techLead])).toEqual([
      ['Ada', false],
      ['Cy', true],
    ]);
    roles = await call(t.core, 'roles.assign', { incidentId: id, role: 'support_triager', personId: t.ada.id });
    expect(roles.triagers.map((p) => p.name)).toEqual(['Ada']);
    // repeating an assignment changes nothing and records nothing
    const before = timelineOf(t.core, id).length;
    await call(t.core, 'roles.assign', { incidentId: id, role: 'support_triager', personId: t.ada.id });
    await call(t.core, 'roles.assign', { incidentId: id, role: 'incident_commander', personId: t.bo.id });
    expect(timelineOf(t.core, id)).toHaveLength(before);
    await call(t.core, 'roles.unassign', { incidentId: id, role: 'subject_matter_expert', personId: t.cy.id });

    const entries = timelineOf(t.core, id).filter((e) => e.source === 'role');
    expect(entries.map((e) => e.body)).toEqual([
      'Ada is now Incident Commander',
      'Bo is now Incident Commander (was Ada)',
      'Ada joined as Subject Matter Expert, as Tech Lead',
      'Cy joined as Subject Matter Expert',
      'Cy is now Tech Lead (was Ada)',
      'Ada joined as Support Triager',
      'Cy is no longer Subject Matter Expert',
    ]);
    expect(entries.every((e) => e.actor === 'Cy')).toBe(true);
    expect(entries[1]!.refId).toBe(t.bo.id);
  });

  it('refuses unknown people, removed people, unknown incidents and unassigning what is not assigned', async () => {
    const t = await setup();
    const inc = await call(t.core, 'incidents.declare', { title: 'x' });
    expect(
      (await failure(t.core, 'roles.assign', { incidentId: inc.id, role: 'support_triager', personId: 'ghost' })).code,
    ).toBe('not_found');
    await call(t.core, 'people.remove', { personId: t.cy.id });
    expect(
      (await failure(t.core, 'roles.assign', { incidentId: inc.id, role: 'support_triager', personId: t.cy.id })).code,
    ).toBe('not_found');
    expect(
      (await failure(t.core, 'roles.assign', { incidentId: 'nope', role: 'support_triager', personId: t.ada.id })).code,
    ).toBe('not_found');
    expect(
      (await failure(t.core, 'roles.unassign', { incidentId: inc.id, role: 'support_triager', personId: t.ada.id }))
        .code,
    ).toBe('not_found');
    expect(
      (await failure(t.core, 'roles.assign', { incidentId: inc.id, role: 'janitor', personId: t.ada.id })).code,
    ).toBe('invalid_input');
    // declaring with an unknown commander writes nothing at all
    expect((await failure(t.core, 'incidents.declare', { title: 'y', commander: 'ghost' })).code).toBe('not_found');
    expect(t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(1);
    // the default runbook's steps, once (for the one incident)
    const steps = (JSON.parse(readFileSync('resources/runbooks/default.json', 'utf8')) as { steps: unknown[] }).steps;
    expect(steps.length).toBeGreaterThan(5);
    expect(t.core.db.prepare('SELECT count(*) FROM checklist_steps').pluck().get()).toBe(steps.length);
  });

  it('a removed person still names their past roles', async () => {
    const t = await setup();
    const inc = await call(t.core, 'incidents.declare', { title: 'x', commander: t.ada.id });
    await call(t.core, 'people.remove', { personId: t.ada.id });
    const roles = await call(t.core, 'roles.list', { incidentId: inc.id });
    expect(roles.commander).toMatchObject({ name: 'Ada', removed: true });
  });
});
