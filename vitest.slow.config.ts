// `npm run test:slow`: the long reliability runs (the 300-job chaos run), kept out of the everyday suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 300_000,
  },
});
