/**
 * npm run bench:assign — 考场编排 at a province's scale: 200,000 paid booking items over 180 counties × 4 units
 * on a scratch MariaDB database, assigned by the code the admin uses (the start operation, then the worker,
 * in this process). Then two comparators into copies of seat_assignments: the same seats written per county ×
 * unit through one mysql2 connection (rawAssign.ts, the `ratio`), and by one set-based INSERT … SELECT. The last
 * line printed is one JSON object.
 */
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { QueryTypes } from 'sequelize';
import { startAssignmentRun } from '../src/modules/admission/assignment/startAssignmentRun';
import { runPendingAssignments } from '../src/modules/admission/assignment/assignmentWorker';
import { insertAssignWorld, RAW_ASSIGNMENT } from './assignData';
import { rawAssign } from './rawAssign';
import { openScratch } from './scratch';

const { values } = parseArgs({ options: { items: { type: 'string', default: '200000' } } });
const ITEMS = Number(values.items);
const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const scratch = await openScratch('assign');
  try {
    const { db } = scratch;
    let since = performance.now();
    const world = await insertAssignWorld(db.sequelize, ITEMS);
    console.log(
      `fixtures: ${world.items} paid items of ${world.candidates} candidates in ${seconds(since).toFixed(1)} s`,
    );
    const official = await db.models.Official.create({
      username: 'bench-province',
      name: '压测省考试院',
      role: 'province',
      passwordHash: 'x',
      cityId: null,
      countyId: null,
      totpSecret: null,
      disabledAt: null,
    });

    since = performance.now();
    const run = await startAssignmentRun(
      db,
      official,
      { periodId: world.periodId },
      { ip: '127.0.0.1', requestId: 'bench' },
    );
    await runPendingAssignments({ db, logger: scratch.services.logger });
    const elapsed = seconds(since);
    const done = await db.models.AssignmentRun.findByPk(run.id);
    const [{ n: written }] = (await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM seat_assignments', {
      type: QueryTypes.SELECT,
    })) as [{ n: number }];
    console.log(
      `run ${done?.state}: ${done?.assigned} assigned in ${done?.doneGroups} groups, ${written} rows, ${elapsed.toFixed(1)} s`,
    );
    if (done?.state !== 'done' || Number(written) !== world.items) throw new Error('the run did not assign every item');

    const connection = await mysql.createConnection(scratch.databaseUrl);
    let raw: number;
    let setBased: number;
    try {
      await connection.query('CREATE TABLE seat_assignments_raw LIKE seat_assignments');
      since = performance.now();
      const rows = await rawAssign(connection, world.periodId, 'seat_assignments_raw');
      raw = seconds(since);
      console.log(`raw per group: ${rows} rows in ${raw.toFixed(1)} s`);
      if (rows !== world.items) throw new Error(`the comparator wrote ${rows} rows`);
      await connection.query('CREATE TABLE seat_assignments_set LIKE seat_assignments');
      since = performance.now();
      const [header] = await connection.query(RAW_ASSIGNMENT.replace('seat_assignments_raw', 'seat_assignments_set'), [
        world.periodId,
        world.periodId,
      ]);
      setBased = seconds(since);
      const setRows = (header as mysql.ResultSetHeader).affectedRows;
      console.log(`raw INSERT … SELECT: ${setRows} rows in ${setBased.toFixed(1)} s`);
      if (setRows !== world.items) throw new Error(`the set-based comparator wrote ${setRows} rows`);
    } finally {
      await connection.end();
    }
    const itemsPerSec = world.items / elapsed;
    const rawItemsPerSec = world.items / raw;
    console.log(
      JSON.stringify({
        items: world.items,
        seconds: round(elapsed, 2),
        itemsPerSec: Math.round(itemsPerSec),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        rawItemsPerSec: Math.round(rawItemsPerSec),
        ratio: round(itemsPerSec / rawItemsPerSec, 3),
        setBasedItemsPerSec: Math.round(world.items / setBased),
      }),
    );
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
