// Where Conn keeps its data when not told otherwise (the desktop shell uses Electron's userData).
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONN_DATA_DIR) return env.CONN_DATA_DIR;
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Conn');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Conn');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'conn');
  }
}
