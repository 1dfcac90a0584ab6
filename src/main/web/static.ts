// Serves the built renderer from one folder, refusing any path that escapes it.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  if (!(full + sep).startsWith(root + sep) && full !== root) return null;
  try {
    const body = await readFile(full);
    return { body, type: TYPES[extname(full)] ?? 'application/octet-stream' };
  } catch {
    // Client-side routes fall back to the app shell; real asset misses are 404.
    if (extname(rel) === '') {
      try {
        return { body: await readFile(join(root, 'index.html')), type: TYPES['.html']! };
      } catch {
        return null;
      }
    }
    return null;
  }
}
