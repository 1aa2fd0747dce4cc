import { ensureBuilt, FRONT_ENDS, SERVED_FRONT_ENDS } from '../devtools/frontEnds';

/** `npm start` runs this first: a newcomer's first start builds the H5 app and the admin (about a minute). */
for (const app of SERVED_FRONT_ENDS) {
  console.log(`checking the ${FRONT_ENDS[app].label} build…`);
  ensureBuilt(app);
}
