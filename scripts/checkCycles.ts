// `npm run check:cycles`: fails when any file under src/ reaches itself through its imports. Type-only imports
// count too: a type cycle is still a layering knot (services/ once had a 22-file one made of four misplaced
// declarations), and it turns into a runtime one the day someone imports a value along it.
import path from 'node:path';
import { parseCircular, parseDependencyTree, prettyCircular } from 'dpdm';

const root = path.resolve(import.meta.dirname, '..');

async function main(): Promise<number> {
  const tree = await parseDependencyTree(['src/**/*.ts', 'src/**/*.tsx'], {
    cwd: root,
    context: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    transform: false, // keep `import type` edges
    skipDynamicImports: false,
  });
  const files = Object.keys(tree).filter((f) => f.startsWith('src/'));
  if (files.length === 0) {
    process.stderr.write('check:cycles: no files found under src/\n');
    return 1;
  }
  const cycles = parseCircular(tree);
  if (cycles.length > 0) {
    process.stderr.write(`check:cycles: ${cycles.length} import cycle(s) in src/:\n${prettyCircular(cycles)}\n`);
    return 1;
  }
  process.stdout.write(`check:cycles: no import cycle among ${files.length} files in src/\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`check:cycles: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
