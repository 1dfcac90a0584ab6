import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/result';

interface Props {
  busy: boolean;
  error: ApiError | null;
  onDeclare(input: { title: string; hub?: string; ticketUrl?: string }): Promise<boolean>;
  onCancel(): void;
}

export function DeclareForm({ busy, error, onDeclare, onCancel }: Props) {
  const [title, setTitle] = useState('');
  const [hub, setHub] = useState('');
  const [ticketUrl, setTicketUrl] = useState('');
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await onDeclare({
      title,
      ...(hub.trim() ? { hub } : {}),
      ...(ticketUrl.trim() ? { ticketUrl: ticketUrl.trim() } : {}),
    });
    if (done) {
      setTitle('');
      setHub('');
      setTicketUrl('');
    }
  };

  return (
    <form
      className="declare-form"
      aria-label="Declare an incident"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2>Declare an incident</h2>
      <label>
        Title
        <input
          ref={titleRef}
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Users cannot start servers on the hub"
          required
          maxLength={200}
        />
      </label>
      <label>
        Hub or community <span className="optional">optional</span>
        <input name="hub" value={hub} onChange={(e) => setHub(e.target.value)} maxLength={100} />
      </label>
      <label>
        Freshdesk ticket URL <span className="optional">optional</span>
        <input
          name="ticketUrl"
          value={ticketUrl}
          onChange={(e) => setTicketUrl(e.target.value)}
          placeholder="https://example.freshdesk.com/a/tickets/123"
        />
      </label>
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Declaring…' : 'Declare'} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
