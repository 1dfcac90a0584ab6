// One vendor's connection form: its fields, a write-only token, Save and Test connection with a plain-words result.
import { useState, type FormEvent } from 'react';
import type { TestResult, VendorSettings } from '../../../../shared/integrations';
import type { Vendor } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';

export interface Field {
  key: string;
  label: string;
  placeholder?: string;
  options?: Array<{ value: string; label: string }>;
  list?: boolean; // comma-separated list
  /** The value a new connection starts with (the setting's default). */
  initial?: string;
}

export interface VendorFormProps {
  vendor: Vendor;
  title: string;
  tokenLabel: string;
  tokenPlaceholder: string;
  fields: Field[];
  settings: VendorSettings | undefined;
  saving: boolean;
  saved: boolean;
  error: ApiError | null;
  testing: boolean;
  tested: TestResult | null;
  onSave(config: Record<string, unknown>, token?: string): Promise<boolean>;
  onTest(): void;
}

const initial = (fields: Field[], config: Record<string, unknown> | null) =>
  Object.fromEntries(
    fields.map((f) => {
      const v = config?.[f.key];
      return [
        f.key,
        Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : (f.initial ?? f.options?.[0]?.value ?? ''),
      ];
    }),
  );

const connectionText: Record<VendorSettings['connection'], string> = {
  not_configured: 'Not connected',
  ok: 'Set up',
  reconnect: 'Reconnect needed',
};

export function VendorForm(p: VendorFormProps) {
  const [values, setValues] = useState<Record<string, string>>(() => initial(p.fields, p.settings?.config ?? null));
  const [token, setToken] = useState('');
  const fieldError = (key: string) => {
    const fields =
      (p.error?.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields ?? [];
    return fields.find((f) => f.path === key || f.path.startsWith(`${key}.`))?.message;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const config = Object.fromEntries(
      p.fields.map((f) => [
        f.key,
        f.list
          ? values[f.key]!.split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : values[f.key],
      ]),
    );
    if (await p.onSave(config, token || undefined)) setToken('');
  };
  const state = p.settings?.connection ?? 'not_configured';
  return (
    <form className="vendor-form panel" aria-label={`${p.title} connection`} onSubmit={submit}>
      <header className="vendor-head">
        <h2>{p.title}</h2>
        <span className={`conn-state conn-${state}`}>{connectionText[state]}</span>
      </header>
      {state === 'reconnect' && p.settings?.reason ? (
        <p className="warn-text">{p.settings.reason} Paste a new token to resume sending.</p>
      ) : null}
      <label>
        {p.tokenLabel}
        <input
          type="password"
          autoComplete="off"
          value={token}
          placeholder={
            p.settings?.token === 'stored'
              ? 'Saved (leave empty to keep it)'
              : p.settings?.token === 'session'
                ? 'Kept until Conn quits (leave empty to keep it)'
                : p.tokenPlaceholder
          }
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={fieldError('token') ? true : undefined}
        />
        {fieldError('token') ? <span className="field-error">{fieldError('token')}</span> : null}
      </label>
      {p.fields.map((f) => (
        <label key={f.key}>
          {f.label}
          {f.options ? (
            <select value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={values[f.key]}
              placeholder={f.placeholder}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
              aria-invalid={fieldError(`config.${f.key}`) ? true : undefined}
            />
          )}
          {fieldError(`config.${f.key}`) ? <span className="field-error">{fieldError(`config.${f.key}`)}</span> : null}
        </label>
      ))}
      {p.error && !fieldError('token') && !p.fields.some((f) => fieldError(`config.${f.key}`)) ? (
        <p role="alert" className="error">
          {p.error.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={p.saving}>
          {p.saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={p.onTest} disabled={p.testing || state === 'not_configured'}>
          {p.testing ? <span className="spinner" aria-hidden="true" /> : null}
          {p.testing ? 'Testing…' : 'Test connection'}
        </button>
        {p.saved && !p.error ? <span className="ok-text">Saved.</span> : null}
      </div>
      {p.tested ? (
        <p role="status" className={p.tested.ok ? 'test-result ok-text' : 'test-result error'}>
          {p.tested.message}
        </p>
      ) : null}
    </form>
  );
}
