/** Keeps the domain pure: no framework, no drivers, no I/O, no clock behind a domain's back. */

/** A module's public entries: index.ts, domain/index.ts and its Nest module file. */
const MODULE_ENTRY = '^src/modules/[^/]+/(index|domain/index|[^/]+[.]module)[.]ts$';

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
      name: 'one-public-entry-per-module',
      comment:
        "A module is used from outside only through its entries: index.ts (what others may call, framework-free), domain/index.ts (its pure rules, for other modules' domain code) and its Nest module file (the services others inject). Resolvers, handlers, queries and the rest stay inside.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/$1/', MODULE_ENTRY],
      },
    },
    {
      name: 'root-uses-module-entries',
      comment: 'The composition root and the command line use the modules through the same entries as the modules do.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/modules/' },
      to: {
        path: '^src/modules/',
        pathNot: MODULE_ENTRY,
      },
    },
    {
      name: 'time-limits-is-a-leaf',
      comment:
        'time-limits is the calendar and the clock arithmetic (限时办结): every module may use it, it uses none. What applies the clock to a case, or writes a warning, lives with the stream it writes.',
      severity: 'error',
      from: { path: '^src/modules/time-limits/' },
      to: { path: '^src/modules/(?!time-limits/)' },
    },
    {
      name: 'folders-point-downward',
      comment:
        'No cycle between folders, e.g. cases -> ratings -> cases: the file-level rule below misses a cycle made of different files. Modules form layers: time-limits, catalog, staff; cases; complaints, ratings; scoring, exchange; live, oversight; then the composition root.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
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
