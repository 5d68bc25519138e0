import { visualTests } from './visual.js';

await visualTests('principle-poll.stories.ts');
