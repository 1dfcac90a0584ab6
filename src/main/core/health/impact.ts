// Impact start and end proposed from evidence: probe state changes and the ticket.
import type { HubState, ImpactMark } from '../../../shared/hubs';

export interface ImpactInputs {
  /** State changes of the included hubs, oldest first. */
  changes: readonly { hubId: string; at: number; state: HubState; detail: string }[];
  /** Current state of each included hub (missing: not probed yet). */
  current: ReadonlyMap<string, { state: HubState; since: number }>;
  includedHubIds: readonly string[];
  /** When the ticket was opened, if known. */
  ticket: { at: number; label: string } | null;
  now: number;
  exitWindowMs: number;
}

export interface Proposal {
  start: ImpactMark | null;
  end: ImpactMark | null;
  endPending: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function proposeImpact(p: ImpactInputs): Proposal {
  const included = new Set(p.includedHubIds);
  const firstDown = p.changes.find((c) => c.state === 'down' && included.has(c.hubId));
  let start: ImpactMark | null = null;
  if (firstDown)
    start = { at: iso(firstDown.at), evidence: `First failing probe: ${firstDown.hubId} (${firstDown.detail})` };
  if (p.ticket && (!firstDown || p.ticket.at < firstDown.at)) {
    start = {
      at: iso(p.ticket.at),
      evidence: `${p.ticket.label}${firstDown ? ', before the first failing probe' : ''}`,
    };
  }

  // Windows under a minute (tests, drills) are said in seconds.
  const windowWords =
    p.exitWindowMs < 60_000
      ? `${Math.round(p.exitWindowMs / 1000)}-second`
      : `${Math.round(p.exitWindowMs / 60_000)}-minute`;
  if (!firstDown) return { start, end: null, endPending: 'No affected hub has failed a probe yet.' };
  if (p.includedHubIds.length === 0) return { start, end: null, endPending: 'No affected hubs.' };
  const notUp = p.includedHubIds.filter((id) => p.current.get(id)?.state !== 'up');
  if (notUp.length > 0) {
    return {
      start,
      end: null,
      endPending:
        `${p.includedHubIds.length - notUp.length} of ${p.includedHubIds.length} hubs passing; waiting ` +
        `for ${notUp.slice(0, 3).join(', ')}${notUp.length > 3 ? '…' : ''}`,
    };
  }
  const allUpSince = Math.max(...p.includedHubIds.map((id) => p.current.get(id)!.since));
  if (p.now - allUpSince < p.exitWindowMs) {
    const leftMs = allUpSince + p.exitWindowMs - p.now;
    const left = leftMs < 60_000 ? `${Math.ceil(leftMs / 1000)} s` : `${Math.ceil(leftMs / 60_000)} min`;
    return {
      start,
      end: null,
      endPending: `All hubs passing since ${iso(allUpSince)}; the ${windowWords} exit window ends in about ${left}.`,
    };
  }
  return {
    start,
    end: {
      at: iso(allUpSince),
      evidence: `All ${p.includedHubIds.length} affected hubs passing since then, for the ${windowWords} exit window`,
    },
    endPending: null,
  };
}
