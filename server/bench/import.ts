/**
 * npm run bench:import — the enrolled import (考籍导入) at a province's scale: builds a file of 100,000
 * tickets and 300,000 passed courses, uploads it to the real server (a process of its own) on a scratch
 * MariaDB database through the admin API, waits for the dry run, starts the import and waits for it,
 * then imports the same file again (every row unchanged) and reads the server's peak RSS. Then, with the
 * server stopped, the comparator (rawImport.ts) imports the same file into a fresh scratch database the
 * fastest plain way, and must end with the same records: `ratio` = import / raw. The last line printed is
 * one JSON object.
 */
import { openAsBlob, statSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ImportJobView } from '@kaowei/shared';
import { hashPassword } from '../src/lib/passwords';
import { insertReference, writeCsvPair, writeWorkbook } from './importData';
import { importedRecords, rawImport, type ImportFiles } from './rawImport';
import { openScratch } from './scratch';
import { startServerProcess } from './serverProcess';
import { round } from './stats';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    'passed-per-ticket': { type: 'string', default: '3' },
    format: { type: 'string', default: 'xlsx' },
  },
});
const tickets = Number(values.tickets);
const perTicket = Number(values['passed-per-ticket']);
const format = values.format === 'csv' ? 'csv' : 'xlsx';
const PASSWORD = 'Bench-2027-official';

const seconds = (since: number) => (performance.now() - since) / 1000;

async function main(): Promise<void> {
  const scratch = await openScratch('import');
  try {
    const reference = await insertReference(scratch.db);
    await scratch.db.models.Official.create({
      username: 'bench-province',
      name: '压测省考试院',
      role: 'province',
      passwordHash: await hashPassword(PASSWORD),
      cityId: null,
      countyId: null,
      totpSecret: null,
      disabledAt: null,
    });
    const dir = scratch.config.dataDir;
    const started = performance.now();
    const files: ImportFiles =
      format === 'xlsx'
        ? { file: await writeWorkbook(dir, tickets, perTicket, reference) }
        : await writeCsvPair(dir, tickets, perTicket, reference).then((f) => ({
            file: f.tickets,
            passedFile: f.passed,
          }));
    const fileMb = Object.values(files).reduce((sum, f) => sum + statSync(f).size, 0) / 1024 / 1024;
    console.log(`built the ${format} file(s): ${fileMb.toFixed(1)} MB in ${seconds(started).toFixed(1)} s`);

    const server = await startServerProcess(scratch.env, scratch.simulator);
    const base = `http://127.0.0.1:${server.port}`;
    let result: Record<string, unknown>;
    let rowsOfBothSheets = 0;
    try {
      const login = await fetch(`${base}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench-province', password: PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const auth = { authorization: `Bearer ${accessToken}` };
      const job = async (id: number) =>
        (await (await fetch(`${base}/api/admin/imports/enrolled/${id}`, { headers: auth })).json()) as ImportJobView;
      const until = async (id: number, state: ImportJobView['state']) => {
        for (;;) {
          const current = await job(id);
          if (current.state === state || current.state === 'failed') return current;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      };

      /** Upload, dry run, import: the official's three steps, timed. */
      const importOnce = async () => {
        let since = performance.now();
        const form = new FormData();
        form.append('file', await openAsBlob(files.file), format === 'xlsx' ? '考籍.xlsx' : '考籍.csv');
        if (files.passedFile) form.append('passedFile', await openAsBlob(files.passedFile), '已合格课程.csv');
        const uploaded = await fetch(`${base}/api/admin/imports/enrolled`, {
          method: 'POST',
          headers: auth,
          body: form,
        });
        if (uploaded.status !== 201) throw new Error(`upload refused: ${await uploaded.text()}`);
        const { id } = (await uploaded.json()) as ImportJobView;
        const uploadSeconds = seconds(since);
        const checked = await until(id, 'checked');
        const dryRunSeconds = seconds(since);
        if (checked.state !== 'checked' || checked.errorRows > 0)
          throw new Error(`dry run: ${JSON.stringify(checked)}`);
        console.log(
          `dry run: ${checked.totalRows} rows in ${dryRunSeconds.toFixed(1)} s (upload ${uploadSeconds.toFixed(1)} s)`,
        );
        since = performance.now();
        const start = await fetch(`${base}/api/admin/imports/enrolled/${id}/start`, { method: 'POST', headers: auth });
        if (start.status !== 200) throw new Error(`start refused: ${await start.text()}`);
        const done = await until(id, 'done');
        const importSeconds = seconds(since);
        if (done.state !== 'done') throw new Error(`import: ${JSON.stringify(done)}`);
        console.log(`import: ${JSON.stringify(done.summary)} in ${importSeconds.toFixed(1)} s`);
        return { totalRows: checked.totalRows, dryRunSeconds, importSeconds, summary: done.summary! };
      };
      const first = await importOnce();
      // The same file again: every row unchanged, nothing written.
      const again = await importOnce();
      const unchanged = again.summary.tickets.unchanged + again.summary.passedCourses.unchanged;
      if (unchanged !== first.totalRows) throw new Error(`re-import changed rows: ${JSON.stringify(again.summary)}`);
      const { totalRows, dryRunSeconds, importSeconds } = first;
      rowsOfBothSheets = totalRows;
      const usage = await server.usage();
      result = {
        rows: tickets,
        passedCourses: tickets * perTicket,
        format,
        fileMb: Math.round(fileMb * 10) / 10,
        dryRunSeconds: Math.round(dryRunSeconds * 10) / 10,
        importSeconds: Math.round(importSeconds * 10) / 10,
        reimportUnchangedSeconds: Math.round(again.importSeconds * 10) / 10,
        // Rows of both sheets per second.
        dryRunRowsPerSec: Math.round(totalRows / dryRunSeconds),
        importRowsPerSec: Math.round(totalRows / importSeconds),
        peakRssMb: Math.round(usage.peakRssMb),
        cpus: os.cpus().length,
      };
    } finally {
      await server.stop();
    }

    // The comparator, the server stopped: the same file into a fresh database, sealed by the same vault.
    const raw = await openScratch('rawimport');
    try {
      await insertReference(raw.db);
      console.log('raw mysql2: the same file, the same business work…');
      const run = await rawImport(raw.databaseUrl, scratch.services.vault, files, format, 1000);
      if (run.rows !== rowsOfBothSheets) throw new Error(`raw run read ${run.rows} rows`);
      const rawImportRowsPerSec = Math.round(run.rows / run.seconds);
      console.log(`raw import: ${run.rows} rows in ${run.seconds.toFixed(1)} s (${run.batches} transactions)`);
      const [imported, rawRecords] = [
        await importedRecords(scratch.databaseUrl),
        await importedRecords(raw.databaseUrl),
      ];
      const sameRecords = JSON.stringify(imported) === JSON.stringify(rawRecords);
      if (!sameRecords)
        console.error(`records differ: import ${JSON.stringify(imported)}, raw ${JSON.stringify(rawRecords)}`);
      console.log(
        JSON.stringify({
          ...result,
          rawImportSeconds: round(run.seconds, 1),
          rawImportRowsPerSec,
          ratio: round((result.importRowsPerSec as number) / rawImportRowsPerSec),
          rawSameRecords: sameRecords,
        }),
      );
      if (!sameRecords) process.exitCode = 1;
    } finally {
      await raw.close();
    }
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
