// The top-bar indicator: connectivity, pending vendor work, and a reconnect prompt when a token was refused.
import { useEffect } from 'react';
import { useOutbox } from './store';
import './outbox.css';
import { vendorLabels } from '../../../../shared/labels';


export function OutboxIndicator({ onOpen, onReconnect }: { onOpen(): void; onReconnect(): void }) {
  const status = useOutbox((s) => s.status);
  const loadStatus = useOutbox((s) => s.loadStatus);
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  if (!status) return null;
  const reconnect = status.vendors.filter((v) => v.state === 'reconnect');
  const dead = status.counts.dead;
  return (
    <div className="outbox-indicator">
      {reconnect.length ? (
        <button type="button" className="reconnect" onClick={onReconnect} title={reconnect.map((v) => v.reason).join(' ')}>
          Reconnect {reconnect.map((v) => vendorLabels[v.vendor]).join(', ')}
        </button>
      ) : null}
      <button type="button" className="outbox-button" onClick={onOpen} aria-label="Outbox" title="Open the outbox (Shift+O)">
        <span className={status.online ? 'dot dot-online' : 'dot dot-offline'} aria-hidden="true" />
        {status.online ? 'Online' : 'Offline'}
        <span className="sep">·</span>
        {status.pending === 0 ? 'all sent' : `${status.pending} pending`}
        {dead ? <span className="dead-count">{dead} failed</span> : null}
      </button>
    </div>
  );
}
