// `npm start`: builds if needed, then opens the desktop app; where Electron cannot run, the web shell.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary } from './electronBinary';

const root = process.cwd();
const say = (line: string) => process.stdout.write(`[conn] ${line}\n`);

function run(cmd: string, args: string[], cwd = root): boolean {
  return spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
}

function ensureBuilt(): void {
  if (existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/renderer/index.html'))) return;
  say('building the app (first start only)…');
  if (!run('npx', ['electron-vite', 'build'])) throw new Error('the build failed; see the output above');
}

function ensureElectron(): string | null {
  const found = electronBinary(root);
  if (found) return found;
  say('fetching the Electron binary (first start only)…');
  run(process.execPath, [join(root, 'node_modules/electron/install.js')]);
  return electronBinary(root);
}

/** better-sqlite3 built for Electron's ABI, kept apart from the Node build the tests use. */
function ensureElectronSqlite(): string | null {
  const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
  const dir = join(root, 'out/native', `electron-${version}`, 'better-sqlite3');
  const binding = join(dir, 'build/Release/better_sqlite3.node');
  if (existsSync(binding)) return binding;
  say(`building SQLite for Electron ${version} (first start only, about two minutes)…`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${'better-sqlite3'}/build`),
  });
  const ok =
    run('npx', ['prebuild-install', '--runtime=electron', `--target=${version}`], dir) ||
    run(
      'npx',
      [
        'node-gyp',
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${version}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      dir,
    );
  return ok && existsSync(binding) ? binding : null;
}

function startWebShell(reason: string): void {
  say(`${reason}`);
  say('starting Conn in your browser instead (the web shell, same app and data). Open the URL below.');
  // `npm run serve`'s launcher: the bundled web shell (out/web), rebuilt first if its sources changed.
  const child = spawn(process.execPath, [join(root, 'scripts/serve.mjs')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function main(): void {
  ensureBuilt();
  if (process.env.CONN_SHELL === 'web') return startWebShell('CONN_SHELL=web is set.');
  const binary = ensureElectron();
  if (!binary) return startWebShell('the Electron binary is not available (no network to download it?).');
  const binding = ensureElectronSqlite();
  if (!binding) return startWebShell('SQLite could not be built for Electron on this machine.');
  const child = spawn(binary, [join(root, 'out/main/index.js')], {
    stdio: 'inherit',
    env: { ...process.env, CONN_SQLITE_BINDING: binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

main();
