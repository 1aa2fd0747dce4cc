import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/models';
import { sharedStatements } from '../src/db/sharedPackets';
import { openTestDb } from './support/testApp';

/** Statements of concurrent requests sharing packets (the public 成绩查询's and every throttle count). */
describe('shared statement packets', () => {
  let db: Db;
  const table = `shared_packets_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    db = openTestDb();
    await db.sequelize.query(`CREATE TABLE ${table} (id INT AUTO_INCREMENT PRIMARY KEY, caller INT NOT NULL)`);
  });
  afterAll(async () => {
    await db.sequelize.query(`DROP TABLE IF EXISTS ${table}`);
    await db.sequelize.close();
  });

  /** Caller k inserts its row and reads back the id it got and the connection it ran on. */
  const insertAndRead = async (caller: number) => {
    const sql = sharedStatements(db.sequelize);
    const inserted = sql.run(`INSERT INTO ${table} (caller) VALUES (?)`, [caller]);
    const read = sql.rows<{ id: number; connection: number }>(
      'SELECT LAST_INSERT_ID() AS id, CONNECTION_ID() AS connection',
    );
    const [{ insertId }, [row]] = await Promise.all([inserted, read]);
    return { caller, insertId, lastId: Number(row!.id), connection: Number(row!.connection) };
  };

  it("keeps each caller's statements together and in order, 300 callers in a few packets", async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, (_, k) => insertAndRead(k)));

    // LAST_INSERT_ID() is the connection's: it names the caller's own row only if nothing ran in between.
    expect(answers.every((a) => a.lastId === a.insertId)).toBe(true);
    const rows = await db.sequelize.query<{ id: number; caller: number }>(`SELECT id, caller FROM ${table}`, {
      type: QueryTypes.SELECT,
    });
    const callerOf = new Map(rows.map((r) => [Number(r.id), Number(r.caller)]));
    expect(answers.every((a) => callerOf.get(a.insertId) === a.caller)).toBe(true);
    // 900 statements, at most 120 to a packet and each packet on its own connection: 8 at most, not 300.
    expect(new Set(answers.map((a) => a.connection)).size).toBeLessThanOrEqual(8);
  });

  it('sends what a caller asks after an answer in a later packet', async () => {
    const sql = sharedStatements(db.sequelize);
    const { insertId } = await sql.run(`INSERT INTO ${table} (caller) VALUES (?)`, [-1]);
    const [row] = await sql.rows<{ caller: number }>(`SELECT caller FROM ${table} WHERE id = ?`, [insertId]);
    expect(Number(row!.caller)).toBe(-1);
  });

  it('fails the statements of a packet with a bad one, and the next packet goes on', async () => {
    const bad = sharedStatements(db.sequelize).rows('SELECT no_such_column FROM ' + table);
    const neighbour = insertAndRead(-2);
    await expect(bad).rejects.toThrow(/no_such_column/);
    await expect(neighbour).rejects.toThrow(/no_such_column/);
    await expect(insertAndRead(-3)).resolves.toMatchObject({ caller: -3 });
  });
});
