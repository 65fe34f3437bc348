/** Keeps the domain pure: no framework, no drivers, no I/O, no clock behind a domain's back. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ code takes time, ids and the calendar as arguments; it imports only core and other domain code.',
      severity: 'error',
      from: { path: '(^|/)domain/' },
      to: {
        pathNot: ['(^|/)domain/', '^src/core/(actor|decider|errors|dates|validation|canonical-json)\\.ts$'],
      },
    },
    {
      name: 'core-is-framework-free',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
    {
      name: 'infrastructure-imports-no-module',
      comment:
        'Infrastructure (stores, read-model runner, Kafka, GraphQL setup) serves the modules and knows none of them: the composition root (src/app.module.ts, src/read-models.ts) hands it the projections and the integration mapper.',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'catalog-knows-no-case',
      comment:
        "The catalog (事项) is what cases are made of: cases read it, it never reads them. The item a case is pinned to (ItemSnapshot) is the catalog's.",
      severity: 'error',
      from: { path: '^src/modules/catalog/' },
      to: { path: '^src/modules/cases/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
