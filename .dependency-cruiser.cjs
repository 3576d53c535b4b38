// The layers of src/ and the direction imports go: `npm run depcruise` checks them, and
// test/unit/layers.test.ts runs it. Lowest first; a folder imports only from itself and the
// folders before it. src/errors.ts, src/package-root.ts and src/pdf-lib.ts are available to every folder.
// There are no exceptions: the test fails on any violation.
const LAYERS = ['domain', 'load', 'validate', 'model', 'render', 'print', 'write', 'build', 'cli'];
const FILE_SYSTEM = '^(node:)?fs(/promises)?$';

/** A forbidden import: from files matching `from` to modules matching `to` (a path or a `to` object). */
const forbid = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: typeof to === 'object' && !Array.isArray(to) ? to : { path: to },
});

// src/domain/ has a stricter rule of its own below.
const layerRules = LAYERS.slice(1, -1).map((layer, i) =>
  forbid(
    `${layer}-imports-downwards`,
    `src/${layer}/ may import only from ${LAYERS.slice(0, i + 2).join(', ')}, src/errors.ts, src/package-root.ts and src/pdf-lib.ts, never from a later stage.`,
    `^src/${layer}/`,
    `^src/(${LAYERS.slice(i + 2).join('|')})/`,
  ),
);

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'No import cycles between files.', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    forbid(
      'domain-imports-only-errors',
      'src/domain/ is the lowest layer: it imports only itself, src/errors.ts and packages.',
      '^src/domain/',
      { path: '^src/', pathNot: ['^src/domain/', '^src/errors\\.ts$'] },
    ),
    forbid('domain-is-pure', 'src/domain/ holds pure rules: it reads no files and runs no processes.', '^src/domain/', {
      dependencyTypes: ['core'],
      path: [FILE_SYSTEM, '^(node:)?child_process$'],
    }),
    forbid(
      'shared-files-import-no-stage',
      'src/errors.ts, src/package-root.ts and src/pdf-lib.ts are used by every folder, so they import no stage (src/domain/ at most).',
      '^src/[^/]+\\.ts$',
      { path: '^src/[^/]+/', pathNot: '^src/domain/' },
    ),
    forbid(
      'render-reads-nothing',
      'src/render/ turns view objects into HTML: it imports nothing from src/load/ and reads no files.',
      '^src/render/',
      ['^src/load/', FILE_SYSTEM],
    ),
    forbid(
      'write-renders-nothing',
      'src/write/ only stages files: the HTML it writes was rendered before, by src/render/.',
      '^src/write/',
      '^src/render/',
    ),
    forbid(
      'model-needs-no-validate',
      'The rules validate and model share live in src/domain/, so model imports nothing from validate.',
      '^src/model/',
      '^src/validate/',
    ),
    {
      name: 'pdf-lib-from-one-place',
      comment: 'pdf-lib is imported from src/pdf-lib.ts (its one-file build, quicker to load), so there is one copy of its classes.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/pdf-lib\\.ts$' },
      to: { path: 'node_modules/pdf-lib/' },
    },
    forbid(
      'build-plan-is-pure',
      'The build plan (src/build/plan*.ts) is pure: no rendering, printing, writing or file system.',
      '^src/build/plan[^/]*\\.ts$',
      ['^src/(render|print|write)/', FILE_SYSTEM],
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer may not even name a later stage's types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
