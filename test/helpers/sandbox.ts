// `npm run sandbox` (scripts/sandbox.ts) as a child process, for the e2e walk and the declare benchmark: started with
// its own data folder, ready when it has printed both the simulators' address and Conn's.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SandboxReady {
  child: ChildProcess;
  /** Conn's address, with the access token in its fragment. */
  url: string;
  /** The simulators' control API. */
  control: string;
  /** Everything the sandbox printed up to ready. */
  out: string;
}

/** Starts the sandbox on `dataDir`; rejects, with what it printed, if it exits or is not ready in `timeoutMs`. */
export function startSandbox(dataDir: string, timeoutMs: number): Promise<SandboxReady> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts'], {
    env: { ...process.env, CONN_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<SandboxReady>((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: Error) => {
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGTERM');
      reject(why);
    };
    const timer = setTimeout(() => fail(new Error(`the sandbox did not get ready: ${out}${err}`)), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const sim = /simulators .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const ready = /^Conn is ready at (\S+)$/m.exec(out);
      if (sim && ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1]!, control: `${sim[1]}/_control`, out });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => fail(new Error(`the sandbox exited with ${code}: ${err}`)));
  });
}

/** Stops the sandbox and waits for it to exit. */
export async function stopSandbox(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
