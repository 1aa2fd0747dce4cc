import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { ENROLLED_PASSED_HEADERS, ENROLLED_SHEETS, ENROLLED_TICKET_HEADERS, idCardCheckChar } from '@kaowei/shared';
import ExcelJS from 'exceljs';
import type { Db } from '../src/db/models';

/** Reference codes the generated rows use: counties, majors and courses created in the scratch database. */
export interface ImportReference {
  countyCodes: string[];
  majorCodes: string[];
  courseCodes: string[];
}

export async function insertReference(db: Db): Promise<ImportReference> {
  const m = db.models;
  const city = await m.City.create({ code: '519900', name: '压测市' });
  const countyCodes = Array.from({ length: 20 }, (_, i) => `5199${String(i + 1).padStart(2, '0')}`);
  await m.County.bulkCreate(countyCodes.map((code, i) => ({ cityId: city.id, code, name: `压测县${i + 1}` })));
  const majorCodes = Array.from({ length: 10 }, (_, i) => `B${String(i + 1).padStart(6, '0')}`);
  await m.Major.bulkCreate(majorCodes.map((code) => ({ code, name: `压测专业${code}`, level: '本科' })));
  const courseCodes = Array.from({ length: 60 }, (_, i) => String(10_001 + i));
  await m.Course.bulkCreate(courseCodes.map((code) => ({ code, name: `压测课程${code}`, credits: 4 })));
  return { countyCodes, majorCodes, courseCodes };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';

/** The i-th ticket row: a valid, distinct ID number (birth day and sequence from i) and a ticket number. */
function ticketRow(i: number, ref: ImportReference): string[] {
  const day = new Date(Date.UTC(1975, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `510104${day}${String(Math.floor(i / 9000)).padStart(3, '0')}`;
  const idCardNo = first17 + idCardCheckChar(first17);
  const gender = Number(idCardNo[16]) % 2 === 1 ? '男' : '女';
  return [
    `5199${String(i).padStart(8, '0')}`,
    '居民身份证',
    idCardNo,
    `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
    gender,
    '汉族',
    ref.majorCodes[i % ref.majorCodes.length]!,
    ref.countyCodes[i % ref.countyCodes.length]!,
    i % 50 === 0 ? '已毕业' : '有效',
    i % 3 === 0 ? `139${String(i).padStart(8, '0')}` : '',
    '',
  ];
}

function* passedRows(tickets: number, perTicket: number, ref: ImportReference): Generator<Array<string | number>> {
  for (let i = 0; i < tickets; i += 1) {
    for (let k = 0; k < perTicket; k += 1) {
      yield [
        `5199${String(i).padStart(8, '0')}`,
        ref.courseCodes[(i + k * 7) % ref.courseCodes.length]!,
        `20${18 + (k % 6)}${k % 2 === 0 ? '04' : '10'}`,
        60 + ((i + k) % 40),
        '',
        k === 2 && i % 10 === 0 ? '免考' : '考试',
      ];
    }
  }
}

const csvLine = (cells: ReadonlyArray<string | number>) => `${cells.join(',')}\n`;

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: Writable): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** 考籍.csv and 已合格课程.csv, written row by row. */
export async function writeCsvPair(dir: string, tickets: number, perTicket: number, ref: ImportReference) {
  const files = { tickets: path.join(dir, 'bench-tickets.csv'), passed: path.join(dir, 'bench-passed.csv') };
  const t = createWriteStream(files.tickets);
  await write(t, `\uFEFF${csvLine(ENROLLED_TICKET_HEADERS)}`);
  for (let i = 0; i < tickets; i += 1) await write(t, csvLine(ticketRow(i, ref)));
  await close(t);
  const p = createWriteStream(files.passed);
  await write(p, `\uFEFF${csvLine(ENROLLED_PASSED_HEADERS)}`);
  for (const row of passedRows(tickets, perTicket, ref)) await write(p, csvLine(row));
  await close(p);
  return files;
}

/** One workbook with both sheets as officials fill the template, written by exceljs's streaming writer. */
export async function writeWorkbook(dir: string, tickets: number, perTicket: number, ref: ImportReference) {
  const file = path.join(dir, 'bench-enrolled.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: false,
  });
  const ticketSheet = workbook.addWorksheet(ENROLLED_SHEETS.tickets);
  ticketSheet.addRow([...ENROLLED_TICKET_HEADERS]).commit();
  for (let i = 0; i < tickets; i += 1) ticketSheet.addRow(ticketRow(i, ref)).commit();
  ticketSheet.commit();
  const passedSheet = workbook.addWorksheet(ENROLLED_SHEETS.passed);
  passedSheet.addRow([...ENROLLED_PASSED_HEADERS]).commit();
  for (const row of passedRows(tickets, perTicket, ref)) passedSheet.addRow(row).commit();
  passedSheet.commit();
  await workbook.commit();
  return file;
}
