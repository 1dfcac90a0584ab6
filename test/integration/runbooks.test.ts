import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import { call, failure } from '../helpers/call';
import { cleanAfterEach, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const defaultJson = readFileSync('resources/runbooks/default.json', 'utf8');
const custom = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ ...JSON.parse(defaultJson), id: 'ours', name: 'Our process', ...over });

describe('runbooks through the core', () => {
  const core = cleanAfterEach(testCore);
  const dir = cleanAfterEach(tempDir);

  it('lists the built-ins and exports one as JSON that imports back under a new id', async () => {
    const t = core();
    const list = await call(t.core, 'runbooks.list', {});
    expect(list.map((r) => [r.id, r.builtIn])).toEqual([
      ['default', true],
      ['2i2c-2025', true],
    ]);
    const exported = await call(t.core, 'runbooks.export', { id: '2i2c-2025' });
    expect(exported.fileName).toBe('2i2c-2025-v1.runbook.json');
    const copy = { ...JSON.parse(exported.json), id: 'copy' };
    const imported = await call(t.core, 'runbooks.import', { json: JSON.stringify(copy) });
    expect(imported).toMatchObject({ id: 'copy', builtIn: false, stepCount: 10 });
    const got = await call(t.core, 'runbooks.get', { id: 'copy' });
    expect(got.runbook.startsWhen).toHaveLength(4);
    expect((await call(t.core, 'runbooks.list', {})).map((r) => r.id)).toEqual(['default', '2i2c-2025', 'copy']);
  });

  it('refuses an invalid file with the path of each bad field and stores nothing', async () => {
    const t = core();
    const bad = JSON.parse(custom());
    bad.steps[0].action.params.template = 'shout';
    bad.steps[4].title = '';
    bad.criteria.questions[1].id = 'Not A Slug';
    const err = await failure(t.core, 'runbooks.import', { json: JSON.stringify(bad) });
    expect(err.code).toBe('invalid_input');
    const paths = (err.details as { fields: Array<{ path: string }> }).fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['steps.0.action.params.template', 'steps.4.title', 'criteria.questions.1.id']),
    );
    expect(err.message).toMatch(/nothing was imported/);
    expect(t.core.db.prepare('SELECT count(*) FROM runbooks').pluck().get()).toBe(0);

    const notJson = await failure(t.core, 'runbooks.import', { json: '{"id": "x",' });
    expect(notJson.code).toBe('invalid_input');
    expect(notJson.message).toMatch(/not valid JSON/);
  });

  it('refuses to shadow a built-in and to replace an import without a higher version', async () => {
    const t = core();
    expect((await failure(t.core, 'runbooks.import', { json: defaultJson })).code).toBe('conflict');
    await call(t.core, 'runbooks.import', { json: custom() });
    const same = await failure(t.core, 'runbooks.import', { json: custom({ name: 'Changed' }) });
    expect(same.code).toBe('conflict');
    expect((await call(t.core, 'runbooks.get', { id: 'ours' })).name).toBe('Our process');
    await call(t.core, 'runbooks.import', { json: custom({ name: 'Changed', version: 2 }) });
    expect((await call(t.core, 'runbooks.get', { id: 'ours' })).name).toBe('Changed');
    expect((await failure(t.core, 'runbooks.get', { id: 'missing' })).code).toBe('not_found');
  });

  it('loads built-ins from an explicit resourcesDir and fails start-up, naming the file, on a broken one', () => {
    const res = dir();
    const data = dir();
    mkdirSync(`${res.path}/runbooks`);
    writeFileSync(`${res.path}/runbooks/default.json`, defaultJson);
    const c = createCore({ dataDir: data.path, resourcesDir: res.path });
    expect(c.services.runbooks.list().map((r) => r.id)).toEqual(['default']);
    c.close();
    writeFileSync(`${res.path}/runbooks/broken.json`, JSON.stringify({ id: 'broken' }));
    expect(() => createCore({ dataDir: data.path, resourcesDir: res.path })).toThrow(/broken\.json is invalid/);
  });
});
