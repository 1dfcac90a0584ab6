// A loopback HTTP proxy in front of a web shell that a test can cut: `drop()` breaks every open connection through it
// (the page's event stream among them) and refuses new ones until `restore()`, as when the server or the network goes
// away under an open tab. It rewrites Host and Origin to the shell's own, which it checks.
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DropProxy {
  /** The proxy's origin: open the page here (with the shell's `#token=`). */
  origin: string;
  drop(): void;
  restore(): void;
  /** From now on, forward to another shell (as when the server was restarted elsewhere, with a new token). */
  retarget(origin: string): void;
  close(): Promise<void>;
}

export async function dropProxy(targetOrigin: string): Promise<DropProxy> {
  let target = new URL(targetOrigin);
  const open = new Set<ServerResponse>();
  let down = false;
  const server = createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const headers = { ...req.headers, host: target.host };
    if (headers.origin) headers.origin = target.origin;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    drop() {
      down = true;
      for (const res of open) res.socket?.destroy();
    },
    restore() {
      down = false;
    },
    retarget(origin) {
      target = new URL(origin);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
