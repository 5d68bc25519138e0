import { setCustomElementsManifest } from '@storybook/web-components';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

interface Declaration {
  members?: { name: string; privacy?: string }[];
}

/** The public API only: private and protected members (`#fields`, internal state) are not for partners. */
const publicApi = {
  ...manifest,
  modules: (manifest.modules as { declarations?: Declaration[] }[]).map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) => ({
      ...declaration,
      members: declaration.members?.filter(
        (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
      ),
    })),
  })),
};

// Autodocs and controls read attributes, properties, events, parts and tokens from the manifest.
setCustomElementsManifest(publicApi);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
