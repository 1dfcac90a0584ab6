// Types for scripts/webShellBuild.mjs (plain JavaScript so that `npm run serve` needs no TypeScript loader).
import type { Metafile } from 'esbuild';

export const root: string;
export const outDir: string;
export const entryFile: string;
export function staleReason(dir?: string): string | null;
export function buildWebShell(dir?: string): Promise<{ files: number; inputs: number; metafile: Metafile }>;
export function ensureWebShellBuilt(say?: (line: string) => void): Promise<boolean>;
