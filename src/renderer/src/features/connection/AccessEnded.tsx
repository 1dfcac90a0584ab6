// Shown when Conn's local server no longer takes this tab's access token: it was restarted and chose a new one, so
// no retry can help. Pasting the address it printed reconnects this tab in place: nothing typed in it is lost, and
// the page reads everything again once the stream is back.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { tokenFromPasted } from '../../api/webToken';
import { useConnection } from './store';

export function AccessEnded() {
  const stream = useConnection((s) => s.stream);
  const refusals = useConnection((s) => s.refusals);
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  /** The refusal count when a token was last pasted: one more means the server refused that one too. */
  const [triedAt, setTriedAt] = useState<number | null>(null);
  if (stream !== 'refused') return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const token = tokenFromPasted(pasted);
    if (!token) {
      setProblem('That is not an address Conn printed: it should end in #token= followed by the token.');
      return;
    }
    setProblem(null);
    setTriedAt(refusals);
    setPasted('');
    api().reauthorize?.(token);
  };

  return (
    <div className="access-ended" role="alert">
      <p>
        <strong>Conn’s local server no longer accepts this tab.</strong> It was restarted and chose a new access token,
        so this page cannot save or hear anything until it has the new one. What you already saved is safe, and what you
        typed here stays on the page.
      </p>
      <form className="access-ended-row" onSubmit={submit}>
        <label>
          <span>
            Paste the address <code>npm run serve</code> printed (it ends in <code>#token=…</code>):
          </span>
          <input
            type="text"
            value={pasted}
            autoComplete="off"
            spellCheck={false}
            placeholder="http://127.0.0.1:…/#token=…"
            onChange={(e) => setPasted(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={pasted.trim() === ''}>
          Reconnect this tab
        </button>
      </form>
      {problem ? <p className="error">{problem}</p> : null}
      {triedAt !== null && refusals > triedAt ? (
        <p className="error">
          The server did not accept that address either: check that it is the newest one it printed.
        </p>
      ) : null}
    </div>
  );
}
