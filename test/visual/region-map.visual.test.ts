import { visualTests } from './visual.js';

await visualTests('region-map.stories.ts');
