// The web shell's secret store: AES-256-GCM in a 0600 file, with its random key in another 0600 file.
// Weaker than an OS keyring (anyone who can read the data folder can decrypt), which the UI says plainly.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from './store';

export const SECRET_KEY_FILE = 'secrets.key';
export const SECRET_FILE = 'secrets.enc.json';

const entry = z.strictObject({ iv: z.string(), tag: z.string(), data: z.string() });
const fileSchema = z.strictObject({ version: z.literal(1), entries: z.record(z.string(), entry) });
type SecretFile = z.infer<typeof fileSchema>;

function writePrivate(file: string, data: string | Buffer): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600); // in case the umask or an existing file widened it
  renameSync(tmp, file);
}

export function fileSecretStore(dir: string): SecretStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, SECRET_KEY_FILE);
  const secretFile = join(dir, SECRET_FILE);

  const key = (): Buffer => {
    if (!existsSync(keyFile)) writePrivate(keyFile, randomBytes(32));
    const k = readFileSync(keyFile);
    if (k.length !== 32)
      throw new Error(`The secret key file ${keyFile} is damaged; remove it and enter the tokens again.`);
    return k;
  };
  const load = (): SecretFile => {
    if (!existsSync(secretFile)) return { version: 1, entries: {} };
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(secretFile, 'utf8')));
    if (!parsed.success)
      throw new Error(`The secrets file ${secretFile} is damaged; remove it and enter the tokens again.`);
    return parsed.data;
  };
  const save = (f: SecretFile) => writePrivate(secretFile, JSON.stringify(f));

  return {
    backend: 'file',
    strong: false,
    isEncryptionAvailable: () => true,
    get(name) {
      const e = load().entries[name];
      if (!e) return undefined;
      try {
        const d = createDecipheriv('aes-256-gcm', key(), Buffer.from(e.iv, 'base64'));
        d.setAAD(Buffer.from(name));
        d.setAuthTag(Buffer.from(e.tag, 'base64'));
        return Buffer.concat([d.update(Buffer.from(e.data, 'base64')), d.final()]).toString('utf8');
      } catch {
        return undefined; // wrong key or tampered: treat as absent, the user re-enters the token
      }
    },
    set(name, value) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key(), iv);
      c.setAAD(Buffer.from(name));
      const data = Buffer.concat([c.update(value, 'utf8'), c.final()]);
      const f = load();
      f.entries[name] = {
        iv: iv.toString('base64'),
        tag: c.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      save(f);
    },
    delete(name) {
      const f = load();
      if (!(name in f.entries)) return;
      delete f.entries[name];
      save(f);
    },
  };
}
