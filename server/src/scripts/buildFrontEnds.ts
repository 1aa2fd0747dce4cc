import { ensureBuilt, FRONT_ENDS, type FrontEnd } from '../devtools/frontEnds';

/** `npm start` runs this first: a newcomer's first start builds the H5 app and the admin (about a minute). */
for (const app of Object.keys(FRONT_ENDS) as FrontEnd[]) {
  console.log(`checking the ${FRONT_ENDS[app].label} build…`);
  ensureBuilt(app);
}
