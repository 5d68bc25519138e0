/** Replaced at build time with package.json's version; tests and Storybook see "dev". */
declare const __COP_VERSION__: string | undefined;

export const VERSION: string = typeof __COP_VERSION__ === 'string' ? __COP_VERSION__ : 'dev';
