/**
 * Builds the fixture apps in fixtures/ with Vite 8, as a partner's project would, against the
 * packed package in fixtures/node_modules/cop-widgets. Output: .work/apps/<app>/.
 */
import vue from '@vitejs/plugin-vue';
import { join } from 'node:path';
import { build, type PluginOption, type Rolldown } from 'vite';
import { FIXTURES, WORK } from './package.js';

export type FixtureApp = 'vite-app' | 'react-app' | 'vue-app';

const PLUGINS: Record<FixtureApp, PluginOption[]> = {
  'vite-app': [],
  'react-app': [],
  // Vue must leave cop-* tags to the browser rather than look for Vue components by that name.
  'vue-app': [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cop-') } } })],
};

export interface BuiltApp {
  /** Every module that went into the build, by path. */
  modules: string[];
}

export async function buildFixtureApp(app: FixtureApp): Promise<BuiltApp> {
  const output = (await build({
    configFile: false,
    root: join(FIXTURES, app),
    base: './',
    logLevel: 'error',
    plugins: PLUGINS[app],
    build: { outDir: join(WORK, 'apps', app), emptyOutDir: true, target: 'es2022' },
  })) as Rolldown.RolldownOutput;
  return { modules: output.output.flatMap((file) => (file.type === 'chunk' ? file.moduleIds : [])) };
}
