// Generates TypeScript types from the GraphQL SDL in schema/: the SDL is the contract, and the types are
// derived from it on every build and type check (npm run schema:types), never edited or committed. The
// file is rewritten only when its text changes, so an unchanged schema leaves the build's inputs alone.
const { GraphQLDefinitionsFactory } = require('@nestjs/graphql');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const target = join(root, 'src/generated/schema.types.ts');
const scratch = join(mkdtempSync(join(tmpdir(), 'schema-types-')), 'schema.types.ts');

new GraphQLDefinitionsFactory()
  .generate({
    typePaths: [join(root, 'schema/*.graphql')],
    path: scratch,
    outputAs: 'interface',
    emitTypenameField: false,
    skipResolverArgs: true,
    enumsAsTypes: true,
    customScalarTypeMapping: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
    additionalHeader: '/* Generated from schema/*.graphql by `npm run schema:types` on every build. Do not edit; not committed. */',
  })
  .then(() => {
    // The Date scalar is a date string (YYYY-MM-DD), but the generator leaves the name to TypeScript's own Date.
    let text = readFileSync(scratch, 'utf8');
    if (!/^export type Date = /m.test(text)) text = text.replace(/^type Nullable<T>/m, 'export type Date = string;\ntype Nullable<T>');
    if (existsSync(target) && readFileSync(target, 'utf8') === text) return;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  });
