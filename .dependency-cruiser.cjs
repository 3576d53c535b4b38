// The layers of src/ and the direction imports go: `npm run depcruise` checks them, and
// test/unit/layers.test.ts runs it. Lowest first; a folder imports only from itself and the
// folders before it. src/errors.ts and src/package-root.ts are available to every folder.
// Violations still being removed are listed in .dependency-cruiser-known-violations.json, which
// can only shrink (the test fails on a listed violation that no longer exists).
const LAYERS = ['domain', 'load', 'validate', 'model', 'render', 'print', 'write', 'build', 'cli'];

// src/domain/ has a stricter rule of its own below.
const layerRules = LAYERS.slice(1, -1).map((layer, i) => ({
  name: `${layer}-imports-downwards`,
  comment: `src/${layer}/ may import only from ${LAYERS.slice(0, i + 2).join(', ')}, src/errors.ts and src/package-root.ts, never from a later stage.`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 2).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles between files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'domain-imports-only-errors',
      comment: 'src/domain/ is the lowest layer: it imports only itself, src/errors.ts and packages.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain/ holds pure rules: it reads no files and runs no processes.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process)$' },
    },
    {
      name: 'shared-files-import-no-stage',
      comment: 'src/errors.ts and src/package-root.ts are used by every folder, so they import none.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/[^/]+/' },
    },
    {
      name: 'render-reads-nothing',
      comment: 'src/render/ turns view objects into HTML: it imports nothing from src/load/ and reads no files.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { path: ['^src/load/', '^(node:)?fs(/promises)?$'] },
    },
    {
      name: 'write-renders-nothing',
      comment: 'src/write/ only stages files: the HTML it writes was rendered before, by src/render/.',
      severity: 'error',
      from: { path: '^src/write/' },
      to: { path: '^src/render/' },
    },
    {
      name: 'model-needs-no-validate',
      comment: 'The rules validate and model share live in src/domain/, so model imports nothing from validate.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^src/validate/' },
    },
    {
      name: 'build-plan-is-pure',
      comment: 'The build plan (src/build/plan*.ts) is pure: no rendering, printing, writing or file system.',
      severity: 'error',
      from: { path: '^src/build/plan[^/]*\\.ts$' },
      to: { path: ['^src/(render|print|write)/', '^(node:)?fs(/promises)?$'] },
    },
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
