// Finds the cluster.yaml files of a deployment repository on disk. Reads only those: encrypted files and
// everything else in the folders are never opened.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RegistryImportError, type RepoFile } from './parse';

const MAX_FILE_BYTES = 2_000_000;
const MAX_CLUSTERS = 500;

/** The repository root, its config/ folder, or config/clusters/ itself are all accepted. */
function clustersDir(folder: string): string | null {
  for (const candidate of [join(folder, 'config', 'clusters'), join(folder, 'clusters'), folder]) {
    if (!existsSync(candidate) || !statSync(candidate).isDirectory()) continue;
    const hasCluster = readdirSync(candidate, { withFileTypes: true }).some(
      (d) => d.isDirectory() && existsSync(join(candidate, d.name, 'cluster.yaml')),
    );
    if (hasCluster) return candidate;
  }
  return null;
}

export function readRepositoryFolder(folder: string): RepoFile[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new RegistryImportError(folder, null, 'no such folder');
  }
  const dir = clustersDir(folder);
  if (!dir)
    throw new RegistryImportError(
      folder,
      null,
      'unknown layout: no config/clusters/<cluster>/cluster.yaml in this folder',
    );
  const files: RepoFile[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(dir, d.name, 'cluster.yaml');
    if (!d.isDirectory() || !existsSync(file)) continue;
    if (files.length >= MAX_CLUSTERS) throw new RegistryImportError(dir, null, `more than ${MAX_CLUSTERS} clusters`);
    const path = `config/clusters/${relative(dir, file).replace(/\\/g, '/')}`;
    if (statSync(file).size > MAX_FILE_BYTES) throw new RegistryImportError(path, null, 'file is larger than 2 MB');
    files.push({ path, text: readFileSync(file, 'utf8') });
  }
  return files;
}
