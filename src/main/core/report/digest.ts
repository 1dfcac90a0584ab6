// The proposals' digest of a long record read by bounded queries: one count per (kind, source) pair, then the few
// rows the proposals cite (the story's head, first and last entries, the resolution). An entry's role depends only on
// its kind and source, so the counts say which pairs to read. Must equal digestOf(every entry); a test holds them
// side by side on generated records.
import type { ReportRepo } from '../db/repos/report';
import { closes, FIX_ROLES, roleOf, STORY_HEAD, STORY_ROLES, type RecordDigest, type Role } from './propose';
import { CLASSIFICATION_KINDS, RESOLUTION_KINDS } from './sources';

const pairKey = (kind: string, source: string) => `${kind}\u001f${source}`;

export function digestFromDb(repo: ReportRepo, incidentId: string): RecordDigest {
  const groups = repo.pairCounts(incidentId);
  const roles: Partial<Record<Role, number>> = {};
  const pairsOf = (keep: (g: { kind: string; source: string; role: Role | null }) => boolean) =>
    withRoles.filter(keep).map((g) => pairKey(g.kind, g.source));
  const withRoles = groups.map((g) => ({ ...g, role: roleOf(g) }));
  let total = 0;
  for (const g of withRoles) {
    total += g.n;
    if (g.role) roles[g.role] = (roles[g.role] ?? 0) + g.n;
  }
  const all = pairsOf(() => true);
  const storyPairs = pairsOf((g) => g.role !== null && STORY_ROLES.includes(g.role));
  const lastFinding = repo.lastOfPairs(
    incidentId,
    pairsOf((g) => g.role === 'finding'),
  );
  const candidates = repo.resolutionCandidates(incidentId, {
    always: pairsOf((g) => g.role === 'resolution' || (g.role === 'vendor' && g.kind === 'log.resolve')),
    arrow: pairsOf((g) => g.role === 'status'),
    after: pairsOf((g) => g.role !== null && FIX_ROLES.includes(g.role)),
    from: lastFinding,
  });
  return {
    total,
    first: repo.firstOfPairs(incidentId, all, 1)[0] ?? null,
    last: repo.lastOfPairs(incidentId, all),
    roles,
    storyHead: repo.firstOfPairs(incidentId, storyPairs, STORY_HEAD),
    storyLast: repo.lastOfPairs(incidentId, storyPairs),
    // The query's `after` rows are the fix; of the others, only those that really close the incident.
    resolution: candidates.filter((e) => {
      const role = roleOf(e);
      return closes(e) || (role !== null && FIX_ROLES.includes(role));
    }),
    lastFinding,
    lastClassification: repo.lastOfPairs(
      incidentId,
      pairsOf((g) => (CLASSIFICATION_KINDS as readonly string[]).includes(g.kind)),
    ),
    lastResolution: repo.lastOfPairs(
      incidentId,
      pairsOf((g) => (RESOLUTION_KINDS as readonly string[]).includes(g.kind)),
    ),
  };
}
