// The HTTP side of hub probes: the health URL of a hub, and one GET with a timeout (no retries: the next
// round, 30 s later, is the retry).
import type { ProbeOutcome } from './machine';

export type Probe = (url: string, timeoutMs: number) => Promise<ProbeOutcome>;

/** https only; plain http only for 127.0.0.1 (the simulators). */
export function isProbeableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.username === '' &&
      u.password === '' &&
      (u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === '127.0.0.1'))
    );
  } catch {
    return false;
  }
}

/**
 * `https://<domain>/hub/health`; with a base (CONN_HUB_PROBE_URL, the sandbox) `<base>/<domain>/hub/health`,
 * so a registry of real-looking domains can be probed on a local simulator.
 */
export function healthUrl(domain: string, base?: string | null): string | null {
  const host = domain.toLowerCase();
  const url = base
    ? `${base.replace(/\/+$/, '')}/${encodeURIComponent(host)}/hub/health`
    : `${host.startsWith('127.0.0.1') ? 'http' : 'https'}://${host}/hub/health`;
  return isProbeableUrl(url) ? url : null;
}

export const fetchProbe: Probe = async (url, timeoutMs) => {
  const started = Date.now();
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method: 'GET',
      redirect: 'manual',
      signal: ctl.signal,
      headers: { 'user-agent': 'Conn hub probe' },
    });
    await res.body?.cancel().catch(() => {});
    const ms = Date.now() - started;
    return res.status === 200
      ? { ok: true, detail: `200 in ${ms} ms` }
      : { ok: false, detail: `answered ${res.status}` };
  } catch (err) {
    if (ctl.signal.aborted)
      return {
        ok: false,
        detail: `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
      };
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, detail: `could not connect${cause ? ` (${cause})` : ''}` };
  } finally {
    clearTimeout(timer);
  }
};

/** CONN_HUB_PROBE_URL (the sandbox's hub simulator); refused at start-up unless https or http://127.0.0.1. */
export function probeBaseFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const v = env.CONN_HUB_PROBE_URL?.trim();
  if (!v) return undefined;
  if (!isProbeableUrl(v))
    throw new Error(`CONN_HUB_PROBE_URL must be an https:// URL (plain http only for 127.0.0.1), got ${v}`);
  return v;
}
