// A chaos run of the outbox against the simulators: many jobs across the three vendors, random faults injected
// while they drain, a crash-and-reopen of the core mid-drain, then an exact count of what each vendor received.
import { memorySecretStore } from '../../src/main/core/secrets/store';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitBlobSha } from '../../src/main/core/outbox/vendors/githubPublish';
import type { JobPayload, OutboxJob } from '../../src/shared/outbox';
import type { FaultAction, Simulators, SimVendor } from '../simulators';
import { SIM_TICKET_ID } from '../simulators';
import { seeded } from './seeded';
import { simCore, type SimCore } from './simCore';
import { tempDir } from './tempDir';

const ACTIONS: FaultAction[] = [
  { type: 'rate_limit', waitSeconds: 0 },
  { type: 'status', status: 500 },
  { type: 'status', status: 503 },
  { type: 'hang' },
  { type: 'drop' },
  { type: 'apply_then_drop' },
  { type: 'malformed', apply: true },
];
/** Faults hit the requests that change something (reads for reconciliation stay mostly healthy). */
const WRITE_PATHS: Record<SimVendor, string[]> = {
  slack: ['/api/chat.postMessage', '/api/conversations.create'],
  pagerduty: ['/incidents', '/incidents/*'],
  freshdesk: [`/api/v2/tickets/${SIM_TICKET_ID}/*`],
  github: [
    '/repos/2i2c-org/infrastructure/issues',
    '/repos/2i2c-org/incident-reports/git/refs',
    '/repos/2i2c-org/incident-reports/pulls',
  ],
};

export interface ChaosOptions {
  incidents: number;
  /** Follow-up jobs per vendor per incident (after the channel / PD incident is created). */
  perIncident: number;
  /** GitHub issues (action items) per incident; default 2. */
  issuesPerIncident?: number;
  seed: number;
  /** Faults injected per second while draining... */
  faultsPerSecond: number;
  /** ...up to this many in all. */
  maxFaults: number;
  /** Crash and reopen the core when this share of jobs is settled. */
  restartAt: number;
  timeoutMs: number;
}

export interface ChaosReport {
  jobs: number;
  sent: number;
  dead: OutboxJob[];
  faults: number;
  restarted: boolean;
  ms: number;
  /** marker → how many times the vendor holds it (must be 1 for sent jobs, 0 for dead ones). */
  counts: Map<string, number>;
  final: OutboxJob[];
  channelsPerIncident: number[];
  pdIncidents: number;
  /** Pull requests per `conn/` branch of the reports repository (one publish job per incident: must be 1). */
  pullsPerBranch: number[];
}

/** A publish job's payload with its two files written where the executor reads them. */
function publishPayload(dir: string, incidentId: string, i: number): JobPayload<'github.publishReport'> {
  const files = (['md', 'pdf'] as const).map((ext) => {
    const data = Buffer.from(`chaos report ${i} (${ext})\n`);
    const localFile = join(dir, `publish-${i}.${ext}`);
    writeFileSync(localFile, data);
    return { path: `reports/chaos-${i}.${ext}`, localFile, sha: gitBlobSha(data), bytes: data.length };
  });
  return {
    repo: '2i2c-org/incident-reports',
    branch: `conn/${incidentId}`,
    title: `Chaos report ${i}`,
    body: `Overview ${i}`,
    message: `Publish chaos report ${i}`,
    files,
  };
}

export async function chaosRun(sim: Simulators, o: ChaosOptions): Promise<ChaosReport> {
  const rand = seeded(o.seed);
  const dir = tempDir('conn-chaos-');
  const secretStore = memorySecretStore({ backend: 'keyring', strong: true }); // survives the "restart" like a keyring
  sim.state.slack.rate.postsPerSecond = 10_000;
  sim.state.slack.rate.burst = 10_000;
  sim.state.pagerduty.rate.perMinute = 1_000_000;
  sim.state.pagerduty.rate.createPerMinute = 1_000_000;
  sim.state.freshdesk.rate.perMinute = 1_000_000;
  sim.state.github.rate.limit = 1_000_000;
  const open = (connect: boolean): SimCore =>
    simCore(sim, {
      dataDir: dir.path,
      connect,
      secretStore,
      timeoutMs: 400,
      random: rand,
      // Check a possibly-sent job only after any request still on its way could have landed (settle > timeout).
      retry: { baseMs: 20, capMs: 300, settleMs: 600 },
    });
  let t = open(true);
  // GitHub too (saved once: the settings and the token outlive the crash like the others).
  t.core.services.integrations.save({ vendor: 'github', config: {}, token: sim.tokens.github });
  const started = Date.now();

  const incidentIds: string[] = [];
  for (let i = 0; i < o.incidents; i++) {
    const inc = t.incident(`Chaos incident ${i}`, `hub${i}`);
    incidentIds.push(inc.id);
    t.enqueue(inc.id, 'slack.createChannel', { name: `chaos-${i}` });
    t.enqueue(inc.id, 'pagerduty.createIncident', { title: `Chaos ${i}` });
    for (let k = 0; k < o.perIncident; k++) {
      t.enqueue(inc.id, 'slack.postMessage', { text: `slack ${i}/${k}` });
      t.enqueue(inc.id, 'pagerduty.addNote', { content: `pd ${i}/${k}` });
      t.enqueue(inc.id, 'freshdesk.reply', { body: `fd ${i}/${k}` });
    }
    t.enqueue(inc.id, 'github.publishReport', publishPayload(dir.path, inc.id, i));
    for (let k = 0; k < (o.issuesPerIncident ?? 2); k++)
      t.enqueue(inc.id, 'github.createIssue', {
        actionItemId: `item-${i}-${k}`,
        repo: '2i2c-org/infrastructure',
        title: `Action item ${i}/${k}`,
        body: `What needs to happen ${i}/${k}`,
      });
  }
  const total = t.core.services.outbox.list({}).length;

  let faults = 0;
  const injector = setInterval(
    () => {
      if (faults >= o.maxFaults) return;
      const vendor = (['slack', 'pagerduty', 'freshdesk', 'github'] as const)[Math.floor(rand() * 4)]!;
      const paths = WRITE_PATHS[vendor];
      sim.fault({
        vendor,
        method: 'POST',
        path: paths[Math.floor(rand() * paths.length)],
        action: ACTIONS[Math.floor(rand() * ACTIONS.length)]!,
      });
      faults++;
    },
    Math.max(1, Math.round(1000 / o.faultsPerSecond)),
  );

  const settled = (jobs: OutboxJob[]) => jobs.filter((j) => j.state === 'sent' || j.state === 'dead').length;
  let restarted = false;
  try {
    t.core.dispatcher.start();
    const until = started + o.timeoutMs;
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      const jobs = t.core.services.outbox.list({});
      const done = settled(jobs);
      if (!restarted && done >= total * o.restartAt) {
        // A crash: no waiting for sends in flight; they are left 'sending' and must be reconciled after reopening.
        t.close();
        restarted = true;
        await new Promise((r) => setTimeout(r, 300)); // a restart takes a moment; bytes already on the wire land

        t = open(false);
        t.core.dispatcher.start();
        continue;
      }
      if (done === total) break;
      if (Date.now() > until) {
        const stuck = jobs.filter((j) => j.state !== 'sent' && j.state !== 'dead');
        throw new Error(
          `chaos run did not finish: ${stuck.length} left, e.g. ${stuck
            .slice(0, 3)
            .map((j) => `${j.kind} ${j.state} ${j.lastError}`)
            .join(' | ')}`,
        );
      }
    }
  } finally {
    clearInterval(injector);
    sim.clearFaults();
  }
  await t.core.dispatcher.stop();
  const final = t.core.services.outbox.list({});
  t.cleanup();
  dir.cleanup();

  const counts = new Map<string, number>();
  const bump = (m: string) => counts.set(m, (counts.get(m) ?? 0) + 1);
  for (const c of sim.state.slack.channels)
    for (const m of c.messages)
      if (typeof m.metadata?.event_payload.marker === 'string')
        bump(m.metadata.event_payload.marker.replace(/^conn:/, ''));
  for (const notes of sim.state.pagerduty.notes.values())
    for (const n of notes) for (const m of n.content.matchAll(/\[conn:([^\]]+)\]/g)) bump(m[1]!);
  for (const c of sim.state.freshdesk.conversations) for (const m of c.body.matchAll(/\[conn:([^\]]+)\]/g)) bump(m[1]!);
  const reports = sim.state.github.repos.find((r) => r.name === 'incident-reports')!;
  for (const p of reports.pulls) for (const m of (p.body ?? '').matchAll(/<!-- conn:(\S+) -->/g)) bump(m[1]!);
  const pullsPerBranch = incidentIds.map((id) => reports.pulls.filter((p) => p.head === `conn/${id}`).length);
  for (const r of sim.state.github.repos)
    for (const issue of r.issues) for (const m of (issue.body ?? '').matchAll(/\[conn:([^\]]+)\]/g)) bump(m[1]!);
  const channelsPerIncident = incidentIds.map(
    (_, i) => sim.state.slack.channels.filter((c) => new RegExp(`^inc-\\d{8}-hub${i}(-\\d+)?$`).test(c.name)).length,
  );
  return {
    jobs: total,
    sent: final.filter((j) => j.state === 'sent').length,
    dead: final.filter((j) => j.state === 'dead'),
    faults,
    restarted,
    ms: Date.now() - started,
    counts,
    final,
    channelsPerIncident,
    pdIncidents: sim.state.pagerduty.incidents.length,
    pullsPerBranch,
  };
}
