import { visualTests } from './visual.js';

await visualTests('foundation.stories.ts');
