import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Vite would pick graphql's `module` build while Apollo and @neo4j/graphql, run by Node,
    // load its CommonJS `main`: two copies of graphql, which refuse each other's schemas.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // The JSON report lets .ci/run print the counts vitest itself measured.
    reporters: ['default', 'json'],
    outputFile: { json: '.entente/test-results.json' },
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // One Neo4j serves the whole run (Community has a single user database): integration
          // files take turns in one worker, each clearing and filling the database as it needs.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
