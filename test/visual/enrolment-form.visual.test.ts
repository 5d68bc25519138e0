import { visualTests } from './visual.js';

await visualTests('enrolment-form.stories.ts');
