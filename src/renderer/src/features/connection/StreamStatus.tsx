// The top bar's word when the page stopped hearing Conn's local server: what it shows may be out of date until the
// stream is back (the stores then read everything again). Nothing is shown while the stream is live.
import { useConnection } from './store';
import './connection.css';

export function StreamStatus() {
  const stream = useConnection((s) => s.stream);
  if (stream !== 'lost') return null;
  return (
    <span className="stream-lost" role="status" title="Changes made meanwhile appear once the connection is back.">
      <span className="dot dot-offline" aria-hidden="true" />
      Not connected to Conn: reconnecting…
    </span>
  );
}
