/** Browser tests need the built front ends; CI builds them first, a developer's first run builds them here. */
export { ensureBuilt } from '../../server/src/devtools/frontEnds';
