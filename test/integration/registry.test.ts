// The hub registry through the operations: import from a folder or pasted files (all or nothing), edit, remove;
// an incident's scope and its affected hubs, each change on the timeline.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, failure, timelineOf } from '../helpers/call';
import { testCore } from '../helpers/core';

const repo = 'test/fixtures/registry';
const pasted = (cluster: string, text?: string) => ({
  path: `config/clusters/${cluster}/cluster.yaml`,
  text: text ?? readFileSync(`${repo}/config/clusters/${cluster}/cluster.yaml`, 'utf8'),
});

describe('hub registry and incident scope', () => {
  let t: ReturnType<typeof testCore>;
  beforeEach(() => {
    t = testCore();
  });
  afterEach(() => t.cleanup());

  it('imports the example repository from its folder, then keeps contacts across a re-import', async () => {
    const sum = await call(t.core, 'registry.import', { folder: repo });
    expect(sum).toEqual({ clusters: ['seaweed', 'tundra'], added: 7, updated: 0, removed: 0, hubs: 7 });
    const view = await call(t.core, 'registry.list', {});
    expect(view.clusters.map((c) => [c.name, c.provider, c.region])).toEqual([
      ['seaweed', 'gcp', 'us-central1'],
      ['tundra', 'aws', 'ca-central-1'],
    ]);
    expect(view.hubs.find((h) => h.id === 'tundra/lichen')).toMatchObject({
      domain: 'lichen.tundra.example.cloud',
      community: 'Lichen Studies Group',
      provider: 'aws',
    });

    await call(t.core, 'registry.updateHub', {
      hubId: 'tundra/lichen',
      freshdeskCompany: 'Lichen Group',
      requesterEmail: 'ops@lichen.example.org',
    });
    // The repository drops a hub and the import runs again: the contact stays, the dropped hub goes.
    const text = pasted('tundra').text.replace(/ {2}- name: permafrost[\s\S]*?(?= {2}- name: lichen)/, '');
    const again = await call(t.core, 'registry.import', { files: [pasted('tundra', text)] });
    expect(again).toEqual({ clusters: ['tundra'], added: 0, updated: 2, removed: 1, hubs: 2 });
    const hubs = (await call(t.core, 'registry.list', {})).hubs;
    expect(hubs.map((h) => h.id)).toEqual([
      'seaweed/kelp-lab',
      'seaweed/ocean-data',
      'seaweed/staging',
      'seaweed/tidepool',
      'tundra/lichen',
      'tundra/staging',
    ]);
    expect(hubs.find((h) => h.id === 'tundra/lichen')).toMatchObject({
      freshdeskCompany: 'Lichen Group',
      requesterEmail: 'ops@lichen.example.org',
    });
  });

  it('imports nothing when one file is bad, and says which file and line', async () => {
    const bad = pasted('tundra', 'name: tundra\nprovider: aws\nhubs:\n  - name: x\n    domain: [oops\n');
    const err = await failure(t.core, 'registry.import', { files: [pasted('seaweed'), bad] });
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Nothing was imported\. config\/clusters\/tundra\/cluster\.yaml:\d+: not valid YAML/);
    expect(err.details).toMatchObject({ file: 'config/clusters/tundra/cluster.yaml' });
    expect((await call(t.core, 'registry.list', {})).hubs).toEqual([]);

    const folderErr = await failure(t.core, 'registry.import', { folder: 'test/fixtures' });
    expect(folderErr.message).toContain('unknown layout: no config/clusters/<cluster>/cluster.yaml in this folder');
  });

  it('edits and removes hubs, refusing a bad e-mail or domain', async () => {
    await call(t.core, 'registry.import', { folder: repo });
    expect(
      (await failure(t.core, 'registry.updateHub', { hubId: 'seaweed/tidepool', requesterEmail: 'nope' })).code,
    ).toBe('invalid_input');
    expect((await failure(t.core, 'registry.updateHub', { hubId: 'seaweed/tidepool', domain: 'has space' })).code).toBe(
      'invalid_input',
    );
    const edited = await call(t.core, 'registry.updateHub', {
      hubId: 'seaweed/tidepool',
      community: 'Tidepool CC',
      freshdeskCompany: null,
    });
    expect(edited).toMatchObject({ community: 'Tidepool CC', freshdeskCompany: null });
    expect(await call(t.core, 'registry.removeHub', { hubId: 'seaweed/tidepool' })).toEqual({ removed: true });
    expect(await call(t.core, 'registry.removeHub', { hubId: 'seaweed/tidepool' })).toEqual({ removed: false });
    expect((await failure(t.core, 'registry.updateHub', { hubId: 'seaweed/tidepool', community: 'x' })).code).toBe(
      'not_found',
    );
  });

  it('declares with a scope in one step, and refuses a scope matching no hub before declaring anything', async () => {
    await call(t.core, 'registry.import', { folder: repo });
    const err = await failure(t.core, 'incidents.declare', {
      title: 'Nowhere',
      scope: { kind: 'cluster', value: 'nowhere' },
    });
    expect(err.code).toBe('invalid_input');
    expect(await call(t.core, 'incidents.list', {})).toEqual([]);
    const inc = await call(t.core, 'incidents.declare', {
      title: 'Tundra down',
      scope: { kind: 'cluster', value: 'tundra' },
    });
    const s = await call(t.core, 'incidents.scope', { incidentId: inc.id });
    expect(s.scope).toMatchObject({ kind: 'cluster', value: 'tundra' });
    expect(s.communities).toEqual(['Lichen Studies Group', 'Permafrost Research Network']);
    expect(timelineOf(t.core, inc.id).map((e) => e.kind)).toEqual(['declared', 'scope_changed']);
  });

  const setsAScopeLists =
    'sets a scope, lists affected hubs and communities, lets the commander add and remove, all on the timeline';
  it(setsAScopeLists, async () => {
    await call(t.core, 'registry.import', { folder: repo });
    const inc = await call(t.core, 'incidents.declare', { title: 'Seaweed cluster down' });
    expect(
      (await failure(t.core, 'incidents.setScope', { incidentId: inc.id, kind: 'cluster', value: 'nowhere' })).message,
    ).toContain('No hub in the registry matches cluster nowhere');

    let s = await call(t.core, 'incidents.setScope', { incidentId: inc.id, kind: 'cluster', value: 'seaweed' });
    expect(s.scope).toMatchObject({ kind: 'cluster', value: 'seaweed' });
    expect(s.hubs.map((h) => h.hubId)).toEqual([
      'seaweed/kelp-lab',
      'seaweed/ocean-data',
      'seaweed/staging',
      'seaweed/tidepool',
    ]);
    expect(s.communities).toEqual([
      'Kelp Lab, Coastal University',
      'Ocean Data Collective',
      'Tidepool Community College',
    ]);

    s = await call(t.core, 'incidents.setHubIncluded', {
      incidentId: inc.id,
      hubId: 'seaweed/kelp-lab',
      included: false,
    });
    s = await call(t.core, 'incidents.setHubIncluded', { incidentId: inc.id, hubId: 'tundra/lichen', included: true });
    // Repeating a change is no change (and no timeline entry).
    await call(t.core, 'incidents.setHubIncluded', { incidentId: inc.id, hubId: 'tundra/lichen', included: true });
    expect(s.hubs.filter((h) => !h.excluded).map((h) => h.hubId)).toEqual([
      'seaweed/ocean-data',
      'seaweed/staging',
      'seaweed/tidepool',
      'tundra/lichen',
    ]);
    expect(s.communities).toEqual(['Lichen Studies Group', 'Ocean Data Collective', 'Tidepool Community College']);

    // A new scope replaces the hubs the old one brought in; the commander's additions and removals stay.
    s = await call(t.core, 'incidents.setScope', { incidentId: inc.id, kind: 'region', value: 'aws/ca-central-1' });
    expect(s.hubs.map((h) => [h.hubId, h.origin, h.excluded])).toEqual([
      ['tundra/lichen', 'manual', false],
      ['tundra/permafrost', 'scope', false],
      ['tundra/staging', 'scope', false],
      ['seaweed/kelp-lab', 'scope', true],
    ]);
    const one = await call(t.core, 'incidents.setScope', {
      incidentId: inc.id,
      kind: 'hub',
      value: 'seaweed/ocean-data',
    });
    expect(one.hubs.filter((h) => !h.excluded).map((h) => h.hubId)).toEqual(['seaweed/ocean-data', 'tundra/lichen']);

    const scopeEntries = timelineOf(t.core, inc.id)
      .filter((e) => e.kind === 'scope_changed')
      .map((e) => e.body);
    expect(scopeEntries).toEqual([
      'Scope: cluster seaweed — 4 hubs, 3 communities affected',
      'Removed affected hub seaweed/kelp-lab (Kelp Lab, Coastal University)',
      'Added affected hub tundra/lichen (Lichen Studies Group)',
      'Scope: provider/region aws/ca-central-1 — 3 hubs, 2 communities affected',
      'Scope: hub seaweed/ocean-data — 2 hubs, 2 communities affected',
    ]);
  });
});
