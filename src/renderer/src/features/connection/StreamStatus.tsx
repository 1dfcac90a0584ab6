// The top bar's word when the page stopped hearing Conn's local server: what it shows may be out of date until the
// stream is back (the stores then read everything again). It takes the place of what it wraps (the outbox and vendor
// indicator), which cannot know the state of sends while the page hears nothing; while the stream is live, that shows.
import type { ReactNode } from 'react';
import { useConnection } from './store';
import './connection.css';

const LOST =
  "Not connected to Conn's local server. What this page shows may be out of date; changes made meanwhile appear " +
  'once the connection is back.';

export function StreamStatus({ children }: { children: ReactNode }) {
  const stream = useConnection((s) => s.stream);
  if (stream === 'refused')
    return (
      <span className="stream-lost" role="status">
        <span className="dot dot-offline" aria-hidden="true" />
        Not connected to Conn
      </span>
    );
  if (stream !== 'lost') return <>{children}</>;
  return (
    <span className="stream-lost" role="status" title={LOST}>
      <span className="dot dot-offline" aria-hidden="true" />
      Reconnecting to Conn…
    </span>
  );
}
