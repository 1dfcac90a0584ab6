// `npm run serve`: runs the bundled web shell (out/web/cli.js) with plain node, rebuilding it first when it is
// missing or older than its sources. The web shell itself is src/main/web/cli.ts. The bundle keeps function names
// and a source map beside it: NODE_OPTIONS=--enable-source-maps maps stack traces back to src/ (it costs ~50 ms at start).
import { pathToFileURL } from 'node:url';
import { ensureWebShellBuilt, entryFile } from './webShellBuild.mjs';

try {
  await ensureWebShellBuilt();
} catch (err) {
  process.stderr.write(
    `Conn could not start: building the web shell failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
await import(pathToFileURL(entryFile).href);
