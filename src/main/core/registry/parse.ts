// Reads a deployment repository's config/clusters/<cluster>/cluster.yaml files into clusters and hubs.
// Pure: text in, data out, or a RegistryImportError naming the file and line of the first problem.
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';

export interface ParsedHub {
  name: string;
  displayName: string;
  domain: string;
  helmChart: string | null;
  /** Staging hubs serve no community. */
  community: string | null;
  line: number;
}

export interface ParsedCluster {
  name: string;
  provider: string;
  region: string | null;
  providerConfig: Record<string, unknown>;
  file: string;
  hubs: ParsedHub[];
}

export interface RepoFile {
  path: string;
  text: string;
}

export class RegistryImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${problem}`);
  }
}

const CLUSTER_FILE = /(?:^|\/)config\/clusters\/([^/]+)\/cluster\.yaml$/;
/** Encrypted files sit beside cluster.yaml: never read, never parsed. */
export const isSecretFile = (path: string) => /(?:^|\/)enc-[^/]*$/.test(path.replace(/\\/g, '/'));
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;
const SLUG = /^[0-9A-Za-z_.-]{1,100}$/;

/** The folder name a cluster.yaml path belongs to, or null when the path is not in the layout. */
export function clusterFolderOf(path: string): string | null {
  const m = CLUSTER_FILE.exec(path.replace(/\\/g, '/'));
  return m?.[1] ?? null;
}

/** GCP names a zone (us-central1-b); the region is the zone without its last part. */
function regionOf(provider: string, block: Record<string, unknown>): string | null {
  const text = (k: string) => (typeof block[k] === 'string' ? (block[k] as string) : null);
  const region = text('region') ?? text('location');
  if (region) return region;
  const zone = text('zone');
  if (zone) return provider === 'gcp' ? zone.replace(/-[a-z]$/, '') : zone;
  return null;
}

export function parseClusterFile(file: RepoFile): ParsedCluster {
  const folder = clusterFolderOf(file.path);
  if (!folder) {
    throw new RegistryImportError(file.path, null, 'unknown layout: expected config/clusters/<cluster>/cluster.yaml');
  }
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  const nodeLine = (n: unknown) => lineAt((n as Node | null)?.range?.[0]);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new RegistryImportError(
      file.path,
      e.linePos?.[0].line ?? lineAt(e.pos[0]),
      `not valid YAML: ${e.message.split('\n')[0]}`,
    );
  }
  const root = doc.contents;
  if (!isMap(root))
    throw new RegistryImportError(
      file.path,
      nodeLine(root) ?? 1,
      'unknown layout: the file is not a mapping of cluster settings',
    );
  const fail = (node: unknown, problem: string): never => {
    throw new RegistryImportError(file.path, nodeLine(node) ?? nodeLine(root), problem);
  };
  const str = (map: YAMLMap, key: string, where: string, required: boolean): string | null => {
    const node = map.get(key, true);
    if (node === undefined || node === null || (node as { value?: unknown }).value === null) {
      if (required) fail(map, `unknown layout: ${where} has no "${key}"`);
      return null;
    }
    const value = (node as { value?: unknown }).value;
    if (typeof value !== 'string' || value.trim() === '') fail(node, `${where}: "${key}" must be text`);
    return (value as string).trim();
  };

  const name = str(root, 'name', 'the cluster', false) ?? folder;
  if (!SLUG.test(name))
    fail(root.get('name', true), `cluster name "${name}" may only hold letters, digits, ".", "_" and "-"`);
  const provider = str(root, 'provider', 'the cluster', true)!;
  const blockNode = root.get(provider, true);
  const block = isMap(blockNode) ? (blockNode.toJSON() as Record<string, unknown>) : {};
  const hubsNode = root.get('hubs', true);
  if (!isSeq(hubsNode)) fail(hubsNode ?? root, 'unknown layout: "hubs" must be a list of hubs');
  const hubs: ParsedHub[] = [];
  const seen = new Set<string>();
  for (const [i, item] of (hubsNode as unknown as { items: unknown[] }).items.entries()) {
    if (!isMap(item)) fail(item, `unknown layout: hub ${i + 1} is not a mapping`);
    const hub = item as YAMLMap;
    const hubName = str(hub, 'name', `hub ${i + 1}`, true)!;
    if (!SLUG.test(hubName))
      fail(hub.get('name', true), `hub name "${hubName}" may only hold letters, digits, ".", "_" and "-"`);
    if (seen.has(hubName)) fail(hub.get('name', true), `hub "${hubName}" is listed twice`);
    seen.add(hubName);
    const domain = str(hub, 'domain', `hub "${hubName}"`, true)!.toLowerCase();
    if (!HOST.test(domain)) fail(hub.get('domain', true), `hub "${hubName}": "${domain}" is not a host name`);
    const displayName = str(hub, 'display_name', `hub "${hubName}"`, false) ?? hubName;
    hubs.push({
      name: hubName,
      displayName,
      domain,
      helmChart: str(hub, 'helm_chart', `hub "${hubName}"`, false),
      community: hubName === 'staging' ? null : displayName,
      line: nodeLine(hub) ?? 1,
    });
  }
  return { name, provider, region: regionOf(provider, block), providerConfig: block, file: file.path, hubs };
}

/** Every cluster file of a repository (secret files are skipped unread; anything else is an unknown layout). */
export function parseRepository(files: readonly RepoFile[]): ParsedCluster[] {
  const clusters: ParsedCluster[] = [];
  const byName = new Map<string, string>();
  for (const f of files) {
    if (isSecretFile(f.path)) continue;
    const c = parseClusterFile(f);
    const other = byName.get(c.name);
    if (other) throw new RegistryImportError(f.path, 1, `cluster "${c.name}" is also defined in ${other}`);
    byName.set(c.name, f.path);
    clusters.push(c);
  }
  if (clusters.length === 0)
    throw new RegistryImportError('(import)', null, 'no config/clusters/<cluster>/cluster.yaml found');
  return clusters;
}
