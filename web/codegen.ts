import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation the explorer sends, from the generated schema (`npm run sdl`):
// an operation the schema no longer answers fails here, so `npm install` and `npm test` fail.
const config: CodegenConfig = {
  schema: 'generated/schema.graphql',
  documents: 'web/src/api/operations/*.graphql',
  generates: {
    'web/src/api/generated.ts': {
      plugins: ['typescript-operations'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        scalars: { Date: 'string', DateTime: 'string', ID: 'string' },
        useTypeImports: true,
      },
    },
  },
  noSilentErrors: true,
};
export default config;
