// `npm run test:slow`: the long reliability runs (200 SIGKILLs, load, the 300-job chaos run), kept out of the fast suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
