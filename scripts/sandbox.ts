// `npm run sandbox`: the vendor simulators on 127.0.0.1 (a realistic seeded account), Conn connected to them
// through its real settings and secret store, a seeded roster, and the web shell. No vendor account needed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../src/main/core';
import { fileLogger } from '../src/main/core/fileLogger';
import { fileSecretStore } from '../src/main/core/secrets/fileStore';
import { startWebShell } from '../src/main/web/server';
import { SIM_TICKET_ID, startSimulators } from '../test/simulators';
import { sandboxCoreOptions } from './sandboxWiring';
import { startHubSimulator } from '../test/simulators/hubs';

const root = process.cwd();
const say = (line: string) => process.stdout.write(`[sandbox] ${line}\n`);
const rendererDir = resolve(process.env.CONN_RENDERER_DIR ?? join(root, 'out', 'renderer'));

/** People in the simulators' seed, with their ids in each vendor; Alice is "me" (the From e-mail). */
const roster = [
  {
    name: 'Alice Jansen',
    email: 'alice@conn-sim.example',
    timezone: 'Europe/Amsterdam',
    pagerdutyUserId: 'PALICE1',
    slackUserId: 'U0ALICE01',
    freshdeskAgentId: '770001',
  },
  {
    name: 'Bob Okafor',
    email: 'bob@conn-sim.example',
    timezone: 'Africa/Lagos',
    pagerdutyUserId: 'PBOB001',
    slackUserId: 'U0BOB0001',
    freshdeskAgentId: '770002',
  },
  {
    name: 'Chen Wei',
    email: 'chen@conn-sim.example',
    timezone: 'Asia/Shanghai',
    pagerdutyUserId: 'PCHEN01',
    slackUserId: 'U0CHEN001',
    freshdeskAgentId: '770003',
  },
  {
    name: 'Dana Fischer',
    email: 'dana@conn-sim.example',
    timezone: 'America/New_York',
    pagerdutyUserId: 'PDANA01',
    slackUserId: 'U0DANA001',
  },
];

function fatal(message: string): never {
  process.stderr.write(`The sandbox could not start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    say('building the app (first run only)…');
    const built = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (built.status !== 0) fatal('the build failed; see the output above.');
  }
  const simPort = process.env.CONN_SIM_PORT ? Number(process.env.CONN_SIM_PORT) : 0;
  if (!Number.isInteger(simPort) || simPort < 0 || simPort > 65535)
    fatal(`CONN_SIM_PORT must be a port number, got "${process.env.CONN_SIM_PORT}".`);
  const sim = await startSimulators({ port: simPort });
  say(
    `simulators for PagerDuty, Freshdesk and Slack at ${sim.origin} (control API: ${sim.urls.control}, see test/simulators/README.md)`,
  );

  const hubSim = await startHubSimulator();
  say(
    `hub simulator: ${hubSim.hubs.size} hubs on ${new Set([...hubSim.hubs.values()].map((h) => h.cluster)).size} clusters at ${hubSim.url} (flip one: POST ${hubSim.url}/_control/hubs {"hubIds":["seaweed/ocean-data"],"state":"down"}; states up, down, slow, hang)`,
  );

  const dataDir = resolve(process.env.CONN_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'conn-sandbox-')));
  say(`data folder: ${dataDir}`);
  const core = createCore({
    dataDir,
    logger: fileLogger(join(dataDir, 'logs')),
    secrets: fileSecretStore(dataDir),
    // Jobs, checks, connection tests, import and take-over: all to the simulators.
    ...sandboxCoreOptions(sim),
    hubProbes: { probeBase: hubSim.probeBase },
  });

  // The simulator tokens are not secret, so the sandbox accepts the weaker file storage (no OS keyring here)
  // on the user's behalf. A real setup asks in Connections first.
  core.services.integrations.acceptWeakStorage({ accept: true });
  say(
    'tokens: simulator tokens, stored in the encrypted file beside the data (weak storage accepted for the sandbox only)',
  );
  const s = core.services.integrations;
  s.save({
    vendor: 'pagerduty',
    config: { fromEmail: sim.fromEmail, defaultServiceId: 'PSVC002', region: 'us' },
    token: sim.tokens.pagerduty,
  });
  s.save({ vendor: 'freshdesk', config: { domain: 'conn-sim.freshdesk.com' }, token: sim.tokens.freshdesk });
  s.save({
    vendor: 'slack',
    config: { channelPattern: 'inc-YYYYMMDD-<hub>', defaultInvitees: ['bob@conn-sim.example'] },
    token: sim.tokens.slack,
  });
  s.save({
    vendor: 'github',
    config: {
      apiUrl: '',
      actionItemRepo: '2i2c-org/infrastructure',
      labels: ['incident-action-item'],
      reportsRepo: '2i2c-org/incident-reports',
      reportsFolder: 'reports/',
    },
    token: sim.tokens.github,
  });

  const people = core.services.people;
  if (people.list().length === 0) {
    for (const p of roster) {
      const saved = people.save(p);
      if (p.name === 'Alice Jansen') people.setMe(saved.id);
    }
    say(`roster: ${roster.map((p) => p.name).join(', ')} (you are Alice Jansen)`);
  }
  for (const vendor of ['pagerduty', 'freshdesk', 'slack', 'github'] as const) {
    const r = await s.test({ vendor });
    say(`${r.ok ? 'connected' : 'NOT connected'}: ${r.message}`);
  }
  say(
    `a community ticket is waiting: https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID} ("Users cannot start servers on the Ocean Data hub")`,
  );

  const imported = core.services.registry.import({ folder: hubSim.registryDir });
  core.services.health.saveSettings({ referenceUrl: hubSim.referenceUrl });
  say(
    `hub registry: imported ${imported.hubs} hubs of ${imported.clusters.join(', ')} from ${hubSim.registryDir}; probes go to the hub simulator`,
  );

  const portText = process.env.CONN_PORT;
  const port = portText ? Number(portText) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fatal(`CONN_PORT must be a port number, got "${portText}".`);
  const shell = await startWebShell({ core, rendererDir, port });
  core.start();
  process.stdout.write(`Conn is ready at ${shell.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([shell.close(), core.stop()])
      .then(() => core.close())
      .then(() => Promise.all([sim.stop(), hubSim.close()]))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => fatal(err instanceof Error ? err.message : String(err)));
