import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Nothing phones home: no telemetry, no update checks.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The demo feeds from the source documents, at /feeds/<name>.json in every story.
  staticDirs: [{ from: '../demo/feeds', to: '/feeds' }],
  docs: { defaultName: 'Docs' },
};

export default config;
