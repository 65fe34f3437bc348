// Generates TypeScript types from the GraphQL SDL in schema/: the SDL is the contract.
// Usage: npm run schema:types  (or with --check to fail when the committed file is stale)
const { GraphQLDefinitionsFactory } = require('@nestjs/graphql');
const { readFileSync, mkdtempSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const root = join(__dirname, '..');
const target = join(root, 'src/generated/schema.types.ts');
const check = process.argv.includes('--check');
const path = check ? join(mkdtempSync(join(tmpdir(), 'schema-types-')), 'schema.types.ts') : target;

new GraphQLDefinitionsFactory()
  .generate({
    typePaths: [join(root, 'schema/*.graphql')],
    path,
    outputAs: 'interface',
    emitTypenameField: false,
    skipResolverArgs: true,
    enumsAsTypes: true,
    customScalarTypeMapping: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
    additionalHeader: '/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */',
  })
  .then(() => {
    if (check && readFileSync(path, 'utf8') !== readFileSync(target, 'utf8')) {
      console.error('src/generated/schema.types.ts is stale: run npm run schema:types');
      process.exit(1);
    }
  });
