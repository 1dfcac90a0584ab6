import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // test/contract: our real clients against Prism mocks of the vendors' own OpenAPI files (offline, Prism is local).
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/renderer/**/*.test.tsx',
      'test/contract/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60000,
  },
});
