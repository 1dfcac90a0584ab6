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
  if (stream !== 'lost' && stream !== 'refused') return <>{children}</>;
  // Refused: no retry can help, and the notice under the top bar (AccessEnded) says what to do.
  return (
    <span className="stream-lost" role="status" title={stream === 'lost' ? LOST : undefined}>
      <span className="dot dot-offline" aria-hidden="true" />
      {stream === 'lost' ? 'Reconnecting to Conn…' : 'Not connected to Conn'}
    </span>
  );
}
