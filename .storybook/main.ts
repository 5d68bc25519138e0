import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Nothing phones home: no telemetry, no update checks.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The demo feeds from the source documents. Stories fetch them relatively (feeds/<name>.json),
  // so the built site works from any folder of any static server, not only from its root.
  staticDirs: [{ from: '../demo/feeds', to: '/feeds' }],
  docs: { defaultName: 'Docs' },
};

export default config;
