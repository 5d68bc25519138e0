import { visualTests } from './visual.js';

await visualTests('session-calendar.stories.ts');
