// Reading a deployment repository's cluster.yaml files: good files, bad YAML (file and line), unknown layouts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClusterFile, parseRepository, RegistryImportError } from '../../../src/main/core/registry/parse';

const example = 'test/fixtures/registry/config/clusters';
const file = (cluster: string) => ({
  path: `config/clusters/${cluster}/cluster.yaml`,
  text: readFileSync(`${example}/${cluster}/cluster.yaml`, 'utf8'),
});

const errorOf = (fn: () => unknown): RegistryImportError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RegistryImportError) return err;
    throw err;
  }
  throw new Error('expected a RegistryImportError');
};

describe('registry import: parsing cluster.yaml', () => {
  const readsTheExampleClusters =
    'reads the example clusters: provider, region from the zone, hubs with domains, staging serving no community';
  it(readsTheExampleClusters, () => {
    const seaweed = parseClusterFile(file('seaweed'));
    expect(seaweed).toMatchObject({ name: 'seaweed', provider: 'gcp', region: 'us-central1' });
    expect(seaweed.providerConfig).toMatchObject({ project: 'seaweed-4711', zone: 'us-central1-b' });
    expect(seaweed.hubs.map((h) => [h.name, h.domain, h.community])).toEqual([
      ['staging', 'staging.seaweed.example.cloud', null],
      ['ocean-data', 'ocean-data.seaweed.example.cloud', 'Ocean Data Collective'],
      ['kelp-lab', 'hub.kelp-lab.example.edu', 'Kelp Lab, Coastal University'],
      ['tidepool', 'tidepool.seaweed.example.cloud', 'Tidepool Community College'],
    ]);
    expect(seaweed.hubs[1]!.line).toBe(20);
    const tundra = parseClusterFile(file('tundra'));
    expect(tundra).toMatchObject({ name: 'tundra', provider: 'aws', region: 'ca-central-1' });
    expect(tundra.providerConfig).toMatchObject({ clusterType: 'eks' }); // unknown keys kept
  });

  it('skips encrypted files unread and refuses other files as an unknown layout', () => {
    const secret = { path: 'config/clusters/seaweed/enc-deployer-credentials.secret.json', text: 'not yaml: [' };
    expect(parseRepository([file('seaweed'), secret]).map((c) => c.name)).toEqual(['seaweed']);
    const e = errorOf(() => parseRepository([{ path: 'hubs.yaml', text: 'hubs: []' }]));
    expect(e.message).toBe('hubs.yaml: unknown layout: expected config/clusters/<cluster>/cluster.yaml');
  });

  it('names the file and line of a YAML syntax error', () => {
    const text = 'name: broken\nprovider: gcp\nhubs:\n  - name: a\n    domain: a.example.cloud\n   bad: [unclosed\n';
    const e = errorOf(() => parseClusterFile({ path: 'config/clusters/broken/cluster.yaml', text }));
    expect(e.file).toBe('config/clusters/broken/cluster.yaml');
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/^config\/clusters\/broken\/cluster\.yaml:6: not valid YAML: /);
  });

  it('names the line of a layout problem: hubs not a list, a hub without a domain, a bad domain, a duplicate', () => {
    const at = (text: string) => errorOf(() => parseClusterFile({ path: 'config/clusters/x/cluster.yaml', text }));
    expect(at('name: x\nprovider: gcp\nhubs:\n  name: a\n').message).toBe(
      'config/clusters/x/cluster.yaml:4: unknown layout: "hubs" must be a list of hubs',
    );
    expect(at('name: x\nprovider: gcp\n').message).toContain('"hubs" must be a list');
    expect(at('name: x\nhubs: []\n').message).toContain('the cluster has no "provider"');
    expect(at('name: x\nprovider: gcp\nhubs:\n  - name: a\n    display_name: A\n').message).toBe(
      'config/clusters/x/cluster.yaml:4: unknown layout: hub "a" has no "domain"',
    );
    expect(at('name: x\nprovider: gcp\nhubs:\n  - name: a\n    domain: "not a host/"\n').message).toBe(
      'config/clusters/x/cluster.yaml:5: hub "a": "not a host/" is not a host name',
    );
    expect(at('name: x\nprovider: gcp\nhubs:\n  - name: a\n    domain: a.x\n  - name: a\n    domain: b.x\n').line).toBe(
      6,
    );
    expect(at('- just\n- a list\n').message).toContain('not a mapping of cluster settings');
  });

  it('refuses two files defining the same cluster', () => {
    const a = file('seaweed');
    const e = errorOf(() => parseRepository([a, { ...a, path: 'other/config/clusters/seaweed/cluster.yaml' }]));
    expect(e.message).toContain('cluster "seaweed" is also defined in config/clusters/seaweed/cluster.yaml');
  });
});
