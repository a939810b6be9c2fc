/**
 * Dependency rules of Kalendaryo, checked in CI by `npm run depcheck` (docs/ARCHITECTURE.md,
 * "Boundaries"). SQL outside repositories cannot be seen from imports: a test checks that
 * (apps/server/src/boundaries.test.ts), which also checks that only config.ts reads the environment.
 */

/** I/O libraries: the database drivers, HTTP, Redis, logging, mail. */
const IO_PACKAGES = [
  '(^|/)node_modules/(pg|pg-[^/]+|@electric-sql/[^/]+|fastify|fastify-[^/]+|@fastify/[^/]+|ioredis|pino|pino-[^/]+|nodemailer|smtp-server|commander|undici|ws)/',
];

/** Test code may reach into any module to set up what it checks. */
const TEST_CODE = ['\\.test\\.tsx?$', '\\.fixtures\\.ts$', '^apps/server/src/test/'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle: the modules on it cannot be understood, tested or loaded one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment:
        'packages/domain is pure logic that also runs in the browser: no node:* modules, database, HTTP, Redis or logger.',
      from: { path: '^packages/domain/src/', pathNot: TEST_CODE },
      to: { path: IO_PACKAGES },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      comment: 'packages/domain runs in the browser too: no node:* modules.',
      from: { path: '^packages/domain/src/', pathNot: TEST_CODE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-is-zod-only',
      severity: 'error',
      comment:
        'packages/contract describes the API with zod and nothing else, so the web can load all of it.',
      from: { path: '^packages/contract/src/', pathNot: TEST_CODE },
      to: { pathNot: ['^packages/contract/src/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment:
        'The web app talks to the server over HTTP; it shares only packages/contract and packages/domain.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      comment:
        'The web app runs in the browser: no node:* modules outside its tests and build configuration.',
      from: { path: '^apps/web/src/', pathNot: TEST_CODE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'module-through-its-face',
      severity: 'error',
      comment:
        'A server module uses another module only through its index.ts, never its repository, service or other files.',
      from: { path: '^apps/server/src/modules/([^/]+)/', pathNot: TEST_CODE },
      to: {
        path: '^apps/server/src/modules/[^/]+/',
        pathNot: ['^apps/server/src/modules/$1/', '^apps/server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'outside-through-the-face',
      severity: 'error',
      comment:
        'Code outside the modules (cli, server, http) uses a module through its index.ts; only http/app.ts registers its routes.',
      from: {
        path: '^apps/server/src/',
        pathNot: ['^apps/server/src/modules/', '^apps/server/src/http/app\\.ts$', ...TEST_CODE],
      },
      to: {
        path: '^apps/server/src/modules/[^/]+/',
        pathNot: '^apps/server/src/modules/[^/]+/index\\.ts$',
      },
    },
    {
      name: 'app-registers-routes',
      severity: 'error',
      comment:
        'http/app.ts registers each module’s routes; anything else of a module it reaches through index.ts.',
      from: { path: '^apps/server/src/http/app\\.ts$' },
      to: {
        path: '^apps/server/src/modules/[^/]+/',
        pathNot: ['^apps/server/src/modules/[^/]+/index\\.ts$', '\\.routes\\.ts$'],
      },
    },
    {
      name: 'services-not-http',
      severity: 'error',
      comment:
        'Only routes speak HTTP: services and repositories do not import http/* (paging is db/paging.ts, errors are AppErrors).',
      from: { path: '^apps/server/src/modules/', pathNot: ['\\.routes\\.ts$', ...TEST_CODE] },
      to: { path: '^apps/server/src/http/' },
    },
    {
      name: 'repositories-are-data',
      severity: 'error',
      comment: 'A repository runs SQL and maps rows: it does not call services, routes or other modules.',
      from: { path: '\\.repository\\.ts$' },
      to: {
        path: ['\\.(service|routes)\\.ts$', '^apps/server/src/modules/[^/]+/index\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'db-is-below-modules',
      severity: 'error',
      comment: 'db/ is the layer under every module: it imports no module, route or HTTP code.',
      from: { path: '^apps/server/src/db/', pathNot: TEST_CODE },
      to: { path: ['^apps/server/src/modules/', '^apps/server/src/http/'] },
    },
    {
      name: 'packages-not-apps',
      severity: 'error',
      comment: 'The shared packages never import the applications.',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/\\.cache/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
