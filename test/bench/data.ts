// Deterministic, realistic incident data for benchmarks: titles, notes of every kind, kubectl/helm output.
import type { NoteKind } from '../../src/shared/notes';
import { seeded } from '../helpers/seeded';

export type Rng = () => number;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const hex = (r: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');

const hubs = [
  'staging.2i2c.cloud',
  'pangeo.2i2c.cloud',
  'openscapes.2i2c.cloud',
  'leap.2i2c.cloud',
  'cryocloud',
  'nasa-veda',
  'ucmerced',
  'catalystproject-africa',
  'victor',
  'awi-ciroh',
];
const symptoms = [
  'Users cannot start servers',
  'Spawner times out after 300 s',
  'Dask gateway clusters stuck pending',
  'Kernels die on import xarray',
  'Hub pod CrashLoopBackOff after helm upgrade',
  'Shared home directory read-only',
  'Node pool autoscaler not scaling up',
  'Proxy returns 502 on /hub/login',
  'OAuth callback fails with 500',
  'Image pull backoff for the user image',
  'NFS server disk full',
  'User pods OOMKilled during workshop',
];
const components = [
  'hub',
  'proxy',
  'user-scheduler',
  'dask-gateway-api',
  'traefik',
  'nfs-server',
  'cluster-autoscaler',
  'prometheus',
  'grafana',
  'continuous-image-puller',
];
const pools = [
  'core-pool',
  'nb-n2-highmem-4',
  'nb-n2-highmem-16',
  'dask-n2-highmem-16',
  'nb-r5-xlarge',
  'dask-r5-4xlarge',
];
const people = ['Yuvi', 'Georgiana', 'Erik', 'Sarah', 'Jenny', 'Pris', 'Chris', 'Damián'];
const verbs = ['restarted', 'cordoned', 'drained', 'scaled', 'rolled back', 'patched', 'resized', 'deleted'];

const notePhrases = [
  () => `${pick(rngG, people)} reports ${pick(rngG, symptoms).toLowerCase()} on ${pick(rngG, hubs)}`,
  () => `Looking at the ${pick(rngG, components)} logs now`,
  () =>
    `Started around ${int(rngG, 0, 23)}:${String(int(rngG, 0, 59)).padStart(2, '0')} UTC according to the Grafana ` +
    `dashboard`,
  () => `Freshdesk ticket updated, customer says ${int(rngG, 2, 40)} students in the workshop are affected`,
  () =>
    `The ${pick(rngG, pools)} node pool is at ${int(rngG, 3, 20)}/${int(rngG, 20, 40)} nodes, autoscaler events ` +
    `show quota exceeded`,
  () => `kernel restarts are correlated with the Dask worker memory limit (${int(rngG, 2, 16)} GiB)`,
  () => `Posted an update in #incident channel, next one in 30 minutes`,
  () => `helm upgrade took ${int(rngG, 40, 600)} s, the pre-upgrade hook waited on the image puller`,
];
let rngG: Rng = seeded(1);

const kindWeights: Array<[NoteKind, number]> = [
  ['note', 0.45],
  ['finding', 0.15],
  ['action', 0.12],
  ['decision', 0.05],
  ['command', 0.18],
  ['status', 0.05],
];

function pickKind(r: Rng): NoteKind {
  let x = r();
  for (const [k, w] of kindWeights) {
    if ((x -= w) < 0) return k;
  }
  return 'note';
}

function podsTable(r: Rng): string {
  const rows = ['NAME                                READY   STATUS             RESTARTS   AGE'];
  for (let i = 0, n = int(r, 3, 25); i < n; i++) {
    const status = pick(r, [
      'Running',
      'Running',
      'Running',
      'OOMKilled',
      'CrashLoopBackOff',
      'Pending',
      'ContainerCreating',
    ]);
    const app = pick(r, ['jupyter', 'hub', 'proxy', 'dask-worker', 'dask-scheduler', 'user-scheduler']);
    const name = `${app}-${hex(r, 5)}-${hex(r, 5)}`;
    rows.push(
      `${name.padEnd(36)}${`${status === 'Running' ? 1 : 0}/1`.padEnd(8)}${status.padEnd(19)}` +
        `${String(int(r, 0, 40)).padEnd(11)}${int(r, 1, 90)}m`,
    );
  }
  return rows.join('\n');
}

function describeEvents(r: Rng): string {
  const lines = [
    'Events:',
    '  Type     Reason            Age   From               Message',
    '  ----     ------            ----  ----               -------',
  ];
  for (let i = 0, n = int(r, 2, 12); i < n; i++) {
    lines.push(
      pick(r, [
        `  Warning  FailedScheduling  ${int(r, 1, 59)}m    default-scheduler  0/${int(r, 3, 30)} nodes are ` +
          `available: ${int(r, 1, 9)} Insufficient memory, ${int(r, 1, 5)} node(s) had untolerated taint ` +
          `{hub.jupyter.org/dedicated: user}.`,
        `  Normal   TriggeredScaleUp  ${int(r, 1, 59)}m    cluster-autoscaler pod triggered scale-up: ` +
          `[{${pick(r, pools)} ${int(r, 1, 9)}->${int(r, 10, 20)} (max: 40)}]`,
        `  Warning  BackOff           ${int(r, 1, 59)}m    kubelet            Back-off restarting failed container ` +
          `notebook in pod jupyter-${hex(r, 6)}`,
        `  Warning  OOMKilling        ${int(r, 1, 59)}m    kernel-monitor     Memory cgroup out of memory: Killed ` +
          `process ${int(r, 1000, 99999)} (python)`,
        `  Normal   Pulled            ${int(r, 1, 59)}m    kubelet            Container image ` +
          `"quay.io/2i2c/pangeo-image:${hex(r, 7)}" already present on machine`,
      ]),
    );
  }
  return lines.join('\n');
}

function logLines(r: Rng): string {
  const lines: string[] = [];
  for (let i = 0, n = int(r, 5, 60); i < n; i++) {
    const ts =
      `2026-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')} ` +
      `${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:` +
      `${String(int(r, 0, 59)).padStart(2, '0')}.${int(r, 100, 999)}`;
    lines.push(
      pick(r, [
        `[I ${ts} JupyterHub log:192] 200 GET /hub/api/users/${pick(r, people).toLowerCase()} ` +
          `(${pick(r, people).toLowerCase()}@10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 0, 255)}) ` +
          `${int(r, 5, 900)}.${int(r, 10, 99)}ms`,
        `[W ${ts} JupyterHub spawner:2712] User ${pick(r, people).toLowerCase()}'s server failed to start in 300 ` +
          `seconds, giving up.`,
        `[E ${ts} JupyterHub app:2989] Failed to poll spawner for ${pick(r, people).toLowerCase()}, assuming the ` +
          `spawner is not running.`,
        `${ts} distributed.nanny - WARNING - Worker ` +
          `tcp://10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 0, 255)}:${int(r, 30000, 45000)} exceeded 95% ` +
          `memory budget. Restarting`,
        `${ts} dask_gateway_server - INFO - Cluster ${hex(r, 32)} pending: waiting for scheduler pod`,
        `[I ${ts} ServerApp] Kernel restarted: ${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`,
      ]),
    );
  }
  return lines.join('\n');
}

function command(r: Rng): string {
  const ns = pick(r, ['staging', 'prod', 'pangeo', 'leap', 'support']);
  switch (int(r, 0, 4)) {
    case 0:
      return `$ kubectl -n ${ns} get pods\n${podsTable(r)}`;
    case 1:
      return `$ kubectl -n ${ns} describe pod jupyter-${pick(r, people).toLowerCase()}\n${describeEvents(r)}`;
    case 2:
      return `$ kubectl -n ${ns} logs deploy/${pick(r, components)} --since=1h\n${logLines(r)}`;
    case 3:
      return (
        `$ helm -n ${ns} history ${ns}\nREVISION  UPDATED                   STATUS      CHART             APP ` +
        `VERSION\n${Array.from(
          { length: int(r, 2, 8) },
          (_, i) =>
            `${i + 1}`.padEnd(10) +
            `Mon Nov ${int(r, 1, 28)} 1${int(r, 0, 9)}:0${int(r, 0, 9)}:00 2026  ` +
            `${pick(r, ['superseded', 'deployed', 'failed'])}  basehub-0.1.0     5.${int(r, 0, 3)}.${int(r, 0, 9)}`,
        ).join('\n')}`
      );
    default:
      return (
        `$ kubectl get nodes -l cloud.google.com/gke-nodepool=${pick(r, pools)}\nNAME   STATUS   ROLES   AGE   ` +
        `VERSION\n${Array.from(
          { length: int(r, 2, 20) },
          () =>
            `gke-${ns}-${pick(r, pools)}-${hex(r, 8)}-${hex(r, 4)}   ` +
            `${pick(r, ['Ready', 'Ready', 'NotReady', 'Ready,SchedulingDisabled'])}   <none>   ${int(r, 1, 90)}d   ` +
            `v1.3${int(r, 0, 2)}.${int(r, 1, 9)}-gke.${int(r, 100, 999)}`,
        ).join('\n')}`
      );
  }
}

function prose(r: Rng): string {
  const parts: string[] = [];
  for (let i = 0, n = int(r, 1, 3); i < n; i++) parts.push(pick(r, notePhrases)());
  return parts.join('. ') + '.';
}

export function noteBody(r: Rng, kind: NoteKind): string {
  rngG = r;
  switch (kind) {
    case 'command':
      return command(r);
    case 'action':
      return (
        `${pick(r, verbs)[0]!.toUpperCase()}${pick(r, verbs).slice(1)} ${pick(r, components)} on ` +
        `${pick(r, pools)}; ${prose(r)}`
      );
    case 'decision':
      return `Decision: ${pick(r, [
        'roll back the helm release',
        'raise the memory limit to 16 GiB',
        'pause the Dask gateway',
        'move the workshop to the highmem node pool',
        'page the cloud provider',
      ])}. ${prose(r)}`;
    case 'status':
      return `Status: ${pick(r, ['investigating', 'identified', 'monitoring', 'mitigated'])}. ${prose(r)}`;
    case 'finding':
      return `Found: ${prose(r)}`;
    default:
      return prose(r);
  }
}

export function incidentTitle(r: Rng, i: number): string {
  return `${pick(r, symptoms)} on ${pick(r, hubs)} (#${i + 1})`;
}

/** A stream of notes with realistic kinds and lengths, the same every run for a given seed. */
export function noteStream(seed: number): () => { kind: NoteKind; body: string } {
  const r = seeded(seed);
  return () => {
    const kind = pickKind(r);
    return { kind, body: noteBody(r, kind) };
  };
}

/** 200 varied search queries: single words, prefixes, phrases, OR and NOT, the same every run. */
export function searchQueries(n: number, seed = 7): string[] {
  const r = seeded(seed);
  const words = [
    'OOMKilled',
    'jupyterhub',
    'kernel',
    'dask',
    'gateway',
    'helm',
    'autoscaler',
    'CrashLoopBackOff',
    'spawner',
    'nfs',
    'quota',
    'proxy',
    'traefik',
    'workshop',
    'scheduler',
    'memory',
    'rollback',
    'highmem',
    'pending',
    'taint',
  ];
  const prefixes = ['oom', 'jupy', 'kern', 'dask-g', 'autosc', 'crash', 'spaw', 'hel', 'nodep', 'sched'];
  const phrases = [
    '"failed to start"',
    '"node pool"',
    '"memory budget"',
    '"helm upgrade"',
    '"quota exceeded"',
    '"Insufficient memory"',
    '"Back-off restarting"',
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 6) {
      case 0:
        out.push(pick(r, words));
        break;
      case 1:
        out.push(pick(r, prefixes));
        break;
      case 2:
        out.push(pick(r, phrases));
        break;
      case 3:
        out.push(`${pick(r, words)} ${pick(r, words)}`);
        break;
      case 4:
        out.push(`${pick(r, words)} OR ${pick(r, prefixes)}`);
        break;
      default:
        out.push(`${pick(r, hubs).split('.')[0]} ${pick(r, words)} NOT ${pick(r, words)}`);
    }
  }
  return out;
}
