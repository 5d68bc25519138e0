import { visualTests } from './visual.js';

await visualTests('theming.stories.ts');
