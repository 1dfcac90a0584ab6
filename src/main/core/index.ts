// Composition of the Electron-free core: database, services, handlers, events, the outbox. No work at import.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { vendors } from '../../shared/outbox';
import { startCheckpointer } from './db/checkpointer';
import { openDatabase } from './db/open';
import type { Upgrade } from './db/migrate';
import { createPrivateFile, securePrivateDataDir } from './privateData';
import { EventBus } from './events';
import { createHandlers } from './handlers';
import { timeOrderedIds } from './ids';
import { createInvoke, type Invoke } from './invoke';
import { createDispatcher, type Dispatcher } from './outbox/dispatcher';
import { manualNetwork, realTimer, type NetworkStatus, type Timer } from './outbox/ports';
import type { Random, RetryConfig } from './outbox/retryPolicy';
import { redactor } from './secrets/credentials';
import { memorySecretStore, type SecretStore } from './secrets/store';
import { createVault } from './secrets/vault';
import { silentLogger, systemClock, type Clock, type Ids, type Logger, type PdfPrinter } from './ports';
import type { Notifier, Timers } from './reminders/scheduler';
import { createVendors, type Vendors } from './vendors';
import { createServices, type ServiceOptions, type Services } from './services';
import type { ChooseExportFile, RevealFile } from './services/report';
import { defaultResourcesDir, loadBuiltInRunbooks } from './services/runbookFiles';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  nativeBinding?: string;
  busyTimeoutMs?: number;
  /** Folder with runbooks/ (built-in runbooks). Default: the repository's resources/, found from this module. */
  resourcesDir?: string;
  /** Where tokens live at rest. Default: memory only (nothing persisted). */
  secrets?: SecretStore;
  /**
   * Everything vendor-specific: executors, identity, checks and clients, from live credentials (vendors/index.ts
   * createVendors). A part left out is absent: no executors, no checks, identify refuses; clients default to
   * the vendors' public hosts.
   */
  vendors?: Partial<Vendors>;
  /** Default 60 s. */
  checkIntervalMs?: number;
  network?: NetworkStatus;
  timer?: Timer;
  random?: Random;
  retry?: RetryConfig;
  slackPacingMs?: number;
  /** Told before an existing database is upgraded to this version's schema (the shells say so: it can take a while). */
  onUpgrade?: (u: Upgrade) => void;
  /** Prints report HTML to PDF; the desktop shell passes Electron's printToPDF. */
  pdfPrinter?: PdfPrinter;
  /** The desktop shell's save dialog for exports; without it exports go to the data folder's reports/. */
  chooseExportFile?: ChooseExportFile;
  /** The desktop shell's "show in folder" for exported files. */
  revealFile?: RevealFile;
  /** Shows reminder notifications outside the window (OS notifications in the desktop shell). */
  notifier?: Notifier;
  timers?: Timers;
  /** Checkpoint the WAL on a worker thread (default on): commits then never pay for a checkpoint. */
  checkpointWorker?: boolean;
  /** Hub health probes (services.health.start() runs them every 30 s): port, base URL, interval, timeout. */
  hubProbes?: ServiceOptions['hubProbes'];
  /** GitHub links in the timeline (services.githubLinks.start() reads each linked item every 5 minutes). */
  githubLinks?: ServiceOptions['githubLinks'];
  /** The user Conn runs as (default: the process's); tests pass another to play a folder owned by someone else. */
  uid?: number;
}

export interface Core {
  invoke: Invoke;
  bus: EventBus;
  services: Services;
  db: Database.Database;
  dbFile: string;
  dataDir: string;
  /** Not started: the shells call start(); a test may start the dispatcher alone. */
  dispatcher: Dispatcher;
  network: NetworkStatus;
  /** Starts the core's background work: the outbox dispatcher, reminders and the vendor-state checks. */
  start(): void;
  /** Stops that work; resolves when the dispatcher's sends in flight have settled. close() stops it too. */
  stop(): Promise<void>;
  close(): void;
}

export const DB_FILE_NAME = 'conn.sqlite';

export function createCore(opts: CoreOptions): Core {
  // Built-ins first: a broken resources folder fails start-up before the database is touched.
  const builtInRunbooks = loadBuiltInRunbooks(opts.resourcesDir ?? defaultResourcesDir());
  const logger = opts.logger ?? silentLogger;
  securePrivateDataDir(opts.dataDir, { logger, uid: opts.uid });
  const dbFile = join(opts.dataDir, DB_FILE_NAME);
  createPrivateFile(dbFile);
  const upgrades: Array<{ u: Upgrade; startedAt: number }> = [];
  const db = openDatabase(dbFile, {
    nativeBinding: opts.nativeBinding,
    busyTimeoutMs: opts.busyTimeoutMs,
    onUpgrade: (u) => {
      upgrades.push({ u, startedAt: performance.now() });
      logger.info('upgrading the database', { from: u.from, to: u.to, steps: u.steps });
      opts.onUpgrade?.(u);
    },
  });
  for (const { u, startedAt } of upgrades)
    logger.info('database upgraded', { from: u.from, to: u.to, ms: Math.round(performance.now() - startedAt) });
  const checkpointer =
    opts.checkpointWorker === false ? null : startCheckpointer(db, dbFile, { nativeBinding: opts.nativeBinding });
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? timeOrderedIds(clock);
  const bus = new EventBus();
  const network = opts.network ?? manualNetwork(true);
  const vault = createVault(db, opts.secrets ?? memorySecretStore());
  const redact = redactor(() => [...vendors.map((v) => vault.token(v)), ...vault.knownTokens()]);
  const ref: { dispatcher?: Dispatcher } = {}; // services need kick() before the dispatcher exists
  const services = createServices(
    { db, clock, ids, bus, notifier: opts.notifier, timers: opts.timers },
    {
      builtInRunbooks,
      dataDir: opts.dataDir,
      pdfPrinter: opts.pdfPrinter,
      chooseExportFile: opts.chooseExportFile,
      revealFile: opts.revealFile,
      vault,
      network,
      redact,
      identify:
        opts.vendors?.identify ?? (() => Promise.reject(new Error('vendor clients are not wired into this build'))),
      checks: opts.vendors?.checks,
      checkIntervalMs: opts.checkIntervalMs,
      timer: opts.timer,
      kick: () => ref.dispatcher?.kick(),
      clients: opts.vendors?.clients ?? createVendors().clients,
      logger,
      hubProbes: opts.hubProbes,
      githubLinks: opts.githubLinks,
    },
  );
  // Notes a crash or kill left out of the search index (appended after the last batch) are indexed now.
  try {
    services.searchIndex.flush();
  } catch (err) {
    logger.warn('search index repair at start failed; the first search retries it', { error: String(err) });
  }
  const buildExecutors = opts.vendors?.executors ?? (() => ({}));
  const dispatcher = createDispatcher({
    db,
    clock,
    bus,
    network,
    executors: () => buildExecutors(services.integrations.credentials),
    isConfigured: services.integrations.isConfigured,
    timer: opts.timer ?? realTimer,
    random: opts.random,
    retry: opts.retry,
    slackPacingMs: opts.slackPacingMs,
    redact,
    logger,
  });
  ref.dispatcher = dispatcher;
  // New jobs are enqueued inside other services' transactions; their events arrive after COMMIT.
  bus.subscribe((name) => {
    if (name !== 'outbox.changed' && name !== 'outbox.statusChanged') dispatcher.kick();
  });
  const invoke = createInvoke(createHandlers(services), logger);
  let closed = false;
  const stopTimers = () => {
    services.checks.stop();
    services.issueStates.stop();
    services.health.stop();
    services.githubLinks.stop();
    services.reminders.stop();
  };
  return {
    invoke,
    bus,
    services,
    db,
    dbFile,
    dataDir: opts.dataDir,
    dispatcher,
    network,
    start() {
      dispatcher.start();
      services.reminders.start();
      services.checks.start();
      services.issueStates.start();
      services.health.start();
      services.githubLinks.start();
    },
    stop() {
      stopTimers();
      return dispatcher.stop();
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        // The last batch goes in before the file closes; if it cannot, the next start indexes it.
        services.searchIndex.stop();
      } catch (err) {
        logger.warn('search index batch at close failed; the next start repairs it', { error: String(err) });
      }
      stopTimers();
      void dispatcher.stop();
      checkpointer?.stop();
      db.close();
    },
  };
}
