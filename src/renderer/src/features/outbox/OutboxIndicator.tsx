// The top-bar indicator: per-vendor connectivity (reachable / unreachable / needs token), pending vendor work,
// jobs that need you. It never says "Online" or "all sent" while a vendor is unreachable or a job needs you.
import { useEffect } from 'react';
import { type OutboxStatus, type VendorConnection } from '../../../../shared/outbox';
import { useOutbox } from './store';
import './outbox.css';
import { vendorLabels } from '../../../../shared/labels';

const connectivity: Record<VendorConnection['state'], string> = {
  ok: 'reachable',
  unreachable: 'unreachable',
  reconnect: 'needs token',
  not_configured: 'not connected',
};

/** The headline: what a glance at the top bar must get right. */
export function headline(status: OutboxStatus): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  const unreachable = status.vendors.filter((v) => v.state === 'unreachable');
  const reconnect = status.vendors.filter((v) => v.state === 'reconnect');
  const parts: string[] = [];
  let tone: 'ok' | 'warn' | 'bad' = 'ok';
  if (!status.online) {
    parts.push('Offline');
    tone = 'warn';
  } else if (unreachable.length || reconnect.length) {
    // One state word per group ("Slack, PagerDuty unreachable"): the per-vendor chips beside it are red already, and
    // a word per vendor overflowed the top bar in a two-vendor outage.
    const group = (vs: VendorConnection[]) =>
      vs.length ? [`${vs.map((v) => vendorLabels[v.vendor]).join(', ')} ${connectivity[vs[0]!.state]}`] : [];
    parts.push([...group(unreachable), ...group(reconnect)].join('; '));
    tone = 'warn';
  } else if (status.needsYou === 0) parts.push('Online');
  if (status.needsYou > 0) {
    parts.push(`${status.needsYou} need${status.needsYou === 1 ? 's' : ''} you`);
    tone = 'bad';
  }
  const waiting = status.pending - status.needsYou;
  if (waiting > 0) parts.push(`${waiting} pending`);
  else if (status.needsYou === 0 && tone === 'ok') parts.push('all sent');
  else if (status.needsYou === 0) parts.push('nothing waiting');
  return { text: parts.join(' · '), tone };
}

export function OutboxIndicator({ onOpen, onReconnect }: { onOpen(): void; onReconnect(): void }) {
  const status = useOutbox((s) => s.status);
  const loadStatus = useOutbox((s) => s.loadStatus);
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  if (!status) return null;
  const reconnect = status.vendors.filter((v) => v.state === 'reconnect');
  const dead = status.counts.dead;
  const head = headline(status);
  const configured = status.vendors.filter((v) => v.state !== 'not_configured');
  return (
    <div className="outbox-indicator">
      {reconnect.length ? (
        <button
          type="button"
          className="reconnect"
          onClick={onReconnect}
          title={reconnect.map((v) => v.reason).join(' ')}
        >
          Reconnect {reconnect.map((v) => vendorLabels[v.vendor]).join(', ')}
        </button>
      ) : null}
      {configured.length ? (
        <details className="vendor-status">
          <summary aria-label="Vendor connections">
            {configured.map((v) => (
              <span
                key={v.vendor}
                className={`vendor-chip vendor-${v.state}`}
                title={`${vendorLabels[v.vendor]}: ${connectivity[v.state]}`}
              >
                <span className={`dot dot-${v.state}`} aria-hidden="true" />
                {vendorLabels[v.vendor]}
              </span>
            ))}
          </summary>
          <ul className="vendor-list" aria-label="Vendors">
            {status.vendors.map((v) => (
              <li key={v.vendor}>
                <strong>{vendorLabels[v.vendor]}</strong>: {connectivity[v.state]}
                {v.state !== 'ok' && v.reason ? <p className="muted">{v.reason}</p> : null}
                {v.detail ? (
                  <details className="raw-error">
                    <summary>Technical detail</summary>
                    <code>{v.detail}</code>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <button
        type="button"
        className="outbox-button"
        onClick={onOpen}
        title={`${head.text}. Open the outbox (Shift+O)`}
      >
        {/* The name says what the button opens and includes what it shows (axe: label-content-name-mismatch). */}
        <span className="sr-only">Outbox: </span>
        <span
          className={head.tone === 'ok' ? 'dot dot-online' : head.tone === 'warn' ? 'dot dot-offline' : 'dot dot-bad'}
          aria-hidden="true"
        />
        <span className="outbox-headline">{head.text}</span>
        {dead ? <span className="dead-count">{dead} failed</span> : null}
      </button>
    </div>
  );
}
