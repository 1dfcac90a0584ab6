// `npm run serve`: opens the core on the data folder and serves the renderer on 127.0.0.1.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { fileLogger } from '../core/fileLogger';
import { defaultDataDir } from '../core/paths';
import { assertOwnDataDir } from '../core/privateData';
import { fileSecretStore } from '../core/secrets/fileStore';
import { createVendors, vendorBaseUrlsFromEnv } from '../core/vendors';
import { startWebShell } from './server';
import { probeBaseFromEnv } from '../core/health/probe';

/** out/renderer, found by walking up from this module: works from the sources (src/main/web) and the bundle (out/web).
 * */
function defaultRendererDir(): string {
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from, i = 0; i < 8; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) break;
    dir = dirname(dir);
  }
  return join(from, '..', '..', '..', 'out', 'renderer');
}

const rendererDir = resolve(process.env.CONN_RENDERER_DIR ?? defaultRendererDir());

function fatal(message: string): never {
  process.stderr.write(`Conn could not start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    fatal(`the renderer is not built (${rendererDir}/index.html is missing). Run \`npm run build\` first.`);
  }
  const portText = process.env.CONN_PORT;
  const port = portText ? Number(portText) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fatal(`CONN_PORT must be a port number, got "${portText}".`);
  const dataDir = resolve(defaultDataDir());
  try {
    assertOwnDataDir(dataDir); // before the log file: nothing goes into someone else's folder
  } catch (err) {
    fatal(err instanceof Error ? err.message : String(err));
  }
  const logger = fileLogger(join(dataDir, 'logs'));
  let core;
  try {
    // No OS keyring here: tokens are encrypted in a 0600 file, and only kept there once the user accepts that.
    // Vendor base URLs default to the public APIs; CONN_*_URL point them elsewhere (`npm run sandbox`).
    core = createCore({
      dataDir,
      logger,
      secrets: fileSecretStore(dataDir),
      vendors: createVendors({ baseUrls: vendorBaseUrlsFromEnv() }),
      hubProbes: { probeBase: probeBaseFromEnv() },
      onUpgrade: (u) =>
        process.stderr.write(
          `Upgrading Conn's database in ${dataDir} from schema ${u.from} to ${u.to} (${u.steps.join(', ')}). ` +
            'On a long history this can take a minute; Conn starts when it is done, and an interrupted upgrade ' +
            'leaves the file as it was.\n',
        ),
    });
  } catch (err) {
    fatal(err instanceof Error ? err.message : String(err));
  }
  const shell = await startWebShell({ core, rendererDir, port });
  core.start();
  process.stdout.write(`Conn is ready at ${shell.url}\n`);
  logger.info('web shell started', { port: shell.port, dataDir });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    void Promise.all([shell.close(), core.stop()]).then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => fatal(err instanceof Error ? err.message : String(err)));
