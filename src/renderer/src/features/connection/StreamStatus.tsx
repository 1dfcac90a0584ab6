// The top bar's word when the page stopped hearing Conn's local server: what it shows may be out of date until the
// stream is back (the stores then read everything again). Nothing is shown while the stream is live.
import { useConnection } from './store';
import './connection.css';

const LOST =
  "Not connected to Conn's local server. What this page shows may be out of date; changes made meanwhile appear " +
  'once the connection is back.';

export function StreamStatus() {
  const stream = useConnection((s) => s.stream);
  if (stream !== 'lost') return null;
  return (
    <span className="stream-lost" role="status" title={LOST}>
      <span className="dot dot-offline" aria-hidden="true" />
      Reconnecting to Conn…
    </span>
  );
}
