// RELIABILITY §6 S-9 (web shell half): canary tokens saved through integrations.save over HTTP, every feature driven
// against the simulators (notes shared to Slack and PagerDuty, checklist actions, a status update, report exports,
// connection tests, a revoked token), then the whole data folder (db, WAL, logs, exports, secret files) and everything
// the renderer received (every HTTP answer and the SSE stream) are searched for the canary text: none found.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { fileLogger } from '../../src/main/core/fileLogger';
import { fileSecretStore } from '../../src/main/core/secrets/fileStore';
import { startWebShell, type WebShell } from '../../src/main/web/server';
import { simClients, simExecutors } from '../helpers/simExecutors';
import { tempDir } from '../helpers/tempDir';
import { startSimulators, type Simulators } from '../simulators';

const CANARY = {
  slack: 'xoxb-CANARY-5lack-7f3a9c1e2b',
  pagerduty: 'CANARYpd-7f3a9c1e2b4d6f80',
  freshdesk: 'CANARYfd7f3a9c1e2b4d',
} as const;
const needles = Object.values(CANARY).flatMap((t) => [t, t.slice(-12), Buffer.from(t).toString('base64')]);

const dir = tempDir('conn-canary-');
const renderer = tempDir('conn-canary-renderer-');
let sim: Simulators;
let core: Core;
let shell: WebShell;
const seen: string[] = []; // every byte the renderer side received
let sse: ReturnType<typeof request> | undefined;

function api(
  op: string,
  input: unknown,
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const data = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: shell.port,
        method: 'POST',
        path: `/api/${op}`,
        headers: {
          authorization: `Bearer ${shell.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          seen.push(JSON.stringify(res.headers), text);
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
const must = async <T = unknown>(op: string, input: unknown): Promise<T> => {
  const r = await api(op, input);
  if (!r.body.ok) throw new Error(`${op}: ${JSON.stringify(r.body.error)}`);
  return r.body.value as T;
};

beforeAll(async () => {
  sim = await startSimulators();
  // The canary tokens are real tokens for the simulators (same identities as the seeded ones).
  const copy = <T>(m: Map<string, T>, from: string, to: string) => m.set(to, { ...m.get(from)! });
  copy(sim.state.slack.tokens, sim.tokens.slack, CANARY.slack);
  copy(sim.state.pagerduty.tokens, sim.tokens.pagerduty, CANARY.pagerduty);
  copy(sim.state.freshdesk.apiKeys, sim.tokens.freshdesk, CANARY.freshdesk);
  core = createCore({
    dataDir: dir.path,
    secrets: fileSecretStore(dir.path),
    logger: fileLogger(join(dir.path, 'logs')),
    vendors: {
      executors: (creds) => simExecutors(sim, creds),
      identify: async (creds) => {
        const c = simClients(sim, (v) => (v === creds.vendor ? (creds as never) : undefined));
        if (creds.vendor === 'slack') return { name: (await c.slack!.identify()).user ?? 'bot' };
        if (creds.vendor === 'pagerduty') return { name: (await c.pagerduty!.identify()).user.name };
        return { name: String((await c.freshdesk!.identify()).contact?.name ?? 'agent') };
      },
    },
    slackPacingMs: 0,
  });
  shell = await startWebShell({ core, rendererDir: renderer.path });
  sse = request(
    { host: '127.0.0.1', port: shell.port, path: '/api/events', headers: { authorization: `Bearer ${shell.token}` } },
    (res) => res.on('data', (c: Buffer) => seen.push(c.toString('utf8'))),
  );
  sse.end();
  core.dispatcher.start();
});
afterAll(async () => {
  sse?.destroy();
  await shell?.close();
  core?.close();
  await sim?.stop();
  dir.cleanup();
  renderer.cleanup();
});

async function drained(timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await must<{ pending: number; counts: Record<string, number> }>('outbox.status', {});
    if (s.pending === 0) return s;
    if (Date.now() > until) throw new Error(`outbox did not drain: ${JSON.stringify(s.counts)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('token canary through the web shell and the simulators', () => {
  it('no canary token in the data folder, the logs, the exports, or anything the renderer received', async () => {
    await must('integrations.acceptWeakStorage', { accept: true });
    await must('integrations.save', {
      vendor: 'slack',
      config: { channelPattern: 'inc-YYYYMMDD-<hub>' },
      token: CANARY.slack,
    });
    await must('integrations.save', {
      vendor: 'pagerduty',
      config: { fromEmail: sim.fromEmail, defaultServiceId: 'PSVC001' },
      token: CANARY.pagerduty,
    });
    await must('integrations.save', {
      vendor: 'freshdesk',
      config: { domain: 'conn-sim.freshdesk.com' },
      token: CANARY.freshdesk,
    });
    for (const vendor of ['slack', 'pagerduty', 'freshdesk']) await must('integrations.test', { vendor });
    await must('integrations.get', {});

    const inc = await must<{ id: string }>('incidents.declare', {
      title: 'Users cannot start servers',
      hub: 'ocean',
      ticketUrl: 'https://conn-sim.freshdesk.com/a/tickets/4711',
    });
    // Checklist actions: the PagerDuty incident and the Slack channel, then the first response on the ticket.
    await must('checklist.runAction', { incidentId: inc.id, stepId: 'trigger_pagerduty' });
    await drained();
    // Done once PagerDuty and Slack accepted the requests.
    await expect
      .poll(async () => (await api('checklist.list', { incidentId: inc.id })).body.value)
      .toContainEqual(expect.objectContaining({ stepId: 'trigger_pagerduty', state: 'done' }));
    await must('checklist.start', { incidentId: inc.id, stepId: 'acknowledge' });
    // Notes shared to Slack and PagerDuty.
    for (let i = 0; i < 3; i++)
      await must('notes.append', {
        incidentId: inc.id,
        body: `Finding ${i}: the spawner times out`,
        kind: 'finding',
        share: { slack: true, pagerduty: true },
      });
    // A status update: ticket reply + Slack mirror + PagerDuty status update.
    const draft = await must<{ text: string }>('updates.draft', { incidentId: inc.id, template: 'update' });
    await must('updates.send', { incidentId: inc.id, text: draft.text.replace(/\{\{[a-z_]+\}\}/g, 'working on it') });
    const status = await drained();
    await must('outbox.list', {});
    await must('timeline.list', { incidentId: inc.id });
    await must('search.query', { text: 'spawner' });
    // Report and its exports.
    await must('report.get', { incidentId: inc.id });
    const md = await must<{ path: string }>('report.export', { incidentId: inc.id, format: 'markdown' });
    await must('report.export', { incidentId: inc.id, format: 'html' });
    // A token refused by the vendor: the error text must not carry the token either.
    sim.setToken('slack', CANARY.slack, true);
    await api('integrations.test', { vendor: 'slack' });
    await must('notes.append', { incidentId: inc.id, body: 'after revocation', kind: 'note', share: { slack: true } });
    await new Promise((r) => setTimeout(r, 300));
    await must('outbox.list', {});
    await must('outbox.status', {});

    // The features really ran against the simulators with the canary tokens.
    expect(status.counts.sent).toBeGreaterThanOrEqual(11);
    expect(
      sim.requests().filter((r) => JSON.stringify(r.headers).includes(CANARY.slack.slice(5))).length,
    ).toBeGreaterThan(0);
    expect(sim.state.pagerduty.notes.size).toBeGreaterThan(0);
    expect(readFileSync(md.path, 'utf8')).toContain('Finding 0');

    await new Promise((r) => setTimeout(r, 100));
    core.db.pragma('wal_checkpoint(PASSIVE)'); // both the checkpointed file and the WAL are read below
    const files = readdirSync(dir.path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    console.log(`canary scanned: ${files.map((f) => f.name).join(', ')}`);
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['conn.sqlite', 'conn.sqlite-wal']));
    for (const f of files) {
      const path = join(f.parentPath, f.name);
      const bytes = readFileSync(path);
      for (const n of needles) {
        expect(bytes.includes(Buffer.from(n)), `${n} in ${path}`).toBe(false);
        expect(bytes.includes(Buffer.from(n, 'utf16le')), `${n} (UTF-16) in ${path}`).toBe(false);
      }
    }
    const rendererSaw = seen.join('\n');
    expect(rendererSaw).toContain('outbox.changed'); // the event stream was captured
    for (const n of needles) expect(rendererSaw.includes(n), `${n} sent to the renderer`).toBe(false);
  }, 60_000);
});
