// Starts `npm run serve`'s command (node scripts/serve.mjs: the bundled web shell, rebuilt if stale) as a real child
// process on a temp data folder and waits for its ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { tokenOf } from '../helpers/http';
import { tempDir } from '../helpers/tempDir';

export interface Served {
  /** The printed URL: the access token rides in its fragment (`#token=`). */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** Calls an operation over HTTP with the session token; throws with the operation's message on an error answer. */
  call<T>(op: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function callOp<T>(url: string, op: string, input: unknown): Promise<T> {
  const token = tokenOf(url);
  const res = await fetch(`${new URL(url).origin}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${op}: ${body.error?.message}`);
  return body.value;
}

/** `npm run serve` is `node scripts/serve.mjs` (package.json; a test keeps the two the same). */
export const SERVE_ARGS = ['scripts/serve.mjs'];

export async function serve(env: Record<string, string> = {}, dataDir?: string): Promise<Served> {
  const dir = dataDir ? { path: dataDir, cleanup() {} } : tempDir('conn-e2e-');
  const child = spawn(process.execPath, SERVE_ARGS, {
    env: {
      ...process.env,
      // Tests never reach the real vendors: unless a test points them at simulators, vendor calls go to a
      // closed loopback port and fail as "network" at once.
      CONN_PAGERDUTY_URL: 'http://127.0.0.1:9/pagerduty',
      CONN_FRESHDESK_URL: 'http://127.0.0.1:9/freshdesk/api/v2',
      CONN_SLACK_URL: 'http://127.0.0.1:9/slack/api/',
      CONN_GITHUB_URL: 'http://127.0.0.1:9/github',
      CONN_DATA_DIR: dir.path,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not get ready: ${out}${err}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Conn is ready at (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    token: tokenOf(url),
    dataDir: dir.path,
    child,
    call: (op, input) => callOp(url, op, input),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          dir.cleanup();
          resolve();
          return;
        }
        child.once('exit', () => {
          if (!dataDir) dir.cleanup();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
