// A line-per-event JSON logger writing to the data folder. Callers must never pass secrets.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './ports';

export function fileLogger(dir: string, echo: (line: string) => void = () => {}): Logger {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'conn.log');
  const write = (level: string, msg: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, msg, ...fields });
    try {
      appendFileSync(file, line + '\n', { mode: 0o600 });
    } catch {
      // Logging must never break the operation being logged (a full disk, say).
    }
    echo(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
