// The hub registry: imported from a deployment repository (all or nothing), listed, and edited in Conn.
import type { OpParsed } from '../../../shared/contract';
import type { ImportSummary, RegistryHub, RegistryView } from '../../../shared/hubs';
import { AppError } from '../../../shared/result';
import { hubsRepo } from '../db/repos/hubs';
import { readRepositoryFolder } from '../registry/folder';
import { parseRepository, RegistryImportError, type RepoFile } from '../registry/parse';
import type { ServiceDeps } from '../ports';

export function registryService({ db, clock, bus }: ServiceDeps) {
  const repo = hubsRepo(db);
  const changed = () => bus.emit('registry.changed', { at: new Date(clock.now()).toISOString() });

  const importTx = db.transaction((files: RepoFile[]): ImportSummary => {
    const clusters = parseRepository(files);
    const at = clock.now();
    const sum: ImportSummary = { clusters: clusters.map((c) => c.name), added: 0, updated: 0, removed: 0, hubs: 0 };
    for (const c of clusters) {
      const r = repo.importCluster(c, at);
      sum.added += r.added;
      sum.updated += r.updated;
      sum.removed += r.removed;
      sum.hubs += c.hubs.length;
    }
    return sum;
  });

  return {
    import(input: OpParsed<'registry.import'>): ImportSummary {
      try {
        const files = 'folder' in input ? readRepositoryFolder(input.folder.trim()) : input.files;
        const sum = importTx.immediate(files);
        changed();
        return sum;
      } catch (err) {
        if (err instanceof RegistryImportError) {
          throw new AppError('invalid_input', `Nothing was imported. ${err.message}`, {
            file: err.file,
            line: err.line,
            problem: err.problem,
          });
        }
        throw err;
      }
    },
    list: (): RegistryView => ({ clusters: repo.clusters(), hubs: repo.hubs() }),
    hub(hubId: string): RegistryHub {
      const hub = repo.hub(hubId);
      if (!hub) throw new AppError('not_found', `No hub ${hubId} in the registry`);
      return hub;
    },
    updateHub(input: OpParsed<'registry.updateHub'>): RegistryHub {
      const hub = repo.hub(input.hubId);
      if (!hub) throw new AppError('not_found', `No hub ${input.hubId} in the registry`);
      const next: RegistryHub = {
        ...hub,
        displayName: input.displayName ?? hub.displayName,
        domain: input.domain?.toLowerCase() ?? hub.domain,
        community: input.community === undefined ? hub.community : input.community,
        freshdeskCompany: input.freshdeskCompany === undefined ? hub.freshdeskCompany : input.freshdeskCompany,
        requesterEmail: input.requesterEmail === undefined ? hub.requesterEmail : input.requesterEmail,
      };
      if (!/^[a-z0-9.-]+(:\d{1,5})?$/.test(next.domain)) {
        throw new AppError('invalid_input', `domain: "${next.domain}" is not a host name`, {
          fields: [{ path: 'domain', message: 'not a host name' }],
        });
      }
      repo.updateHub(next, clock.now());
      changed();
      return repo.hub(hub.id)!;
    },
    removeHub({ hubId }: OpParsed<'registry.removeHub'>): { removed: boolean } {
      const removed = repo.removeHub(hubId);
      if (removed) changed();
      return { removed };
    },
  };
}
export type RegistryService = ReturnType<typeof registryService>;
