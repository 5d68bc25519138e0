/** `npm run test:dist` runs this first: a fresh build, packed and unpacked for the fixture apps. */
import { preparePackage } from './package.js';

const started = performance.now();
const { tarball, files, size } = preparePackage();
console.log(
  `packed ${tarball}: ${files.length} files, ${(size / 1024).toFixed(1)} kB, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
