/** Custom-elements manifest from the components' JSDoc: tags, attributes, events, parts and tokens. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/shared/i18n/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
