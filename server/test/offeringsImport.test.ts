import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertBookingCatalog, type BookingCatalog } from './support/bookingCatalog';
import { startTestServer, type TestServer } from './support/testApp';

interface ImportAnswer {
  dryRun: boolean;
  total: number;
  valid: number;
  imported: number;
  errors: Array<{ row: number; column?: string; message: string }>;
}

const usedCodes = new Set<string>();
/** Course codes below 10000, which the other tests' random courses never use. */
function freshCodes(count: number): string[] {
  const codes: string[] = [];
  while (codes.length < count) {
    const code = String(randomInt(0, 10_000)).padStart(5, '0');
    if (usedCodes.has(code)) continue;
    codes.push(code);
    usedCodes.add(code);
  }
  return codes;
}

async function xlsx(rows: Array<Array<string | number>>): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('开考课程');
  for (const row of rows) sheet.addRow(row);
  const bytes = await workbook.xlsx.writeBuffer();
  return new Blob([bytes as ArrayBuffer]);
}

const form = (file: Blob, name: string) => {
  const data = new FormData();
  data.append('file', file, name);
  return data;
};

describe('importing course offerings from a spreadsheet', () => {
  let server: TestServer;
  let province: OfficialClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  const importFile = (catalog: BookingCatalog, file: FormData, dryRun: 0 | 1, api = province.api) =>
    api.post<ImportAnswer>(`/api/admin/periods/${catalog.periodId}/offerings/import?dryRun=${dryRun}`, file);
  const offerings = async (catalog: BookingCatalog) =>
    (
      await province.api.get<{
        items: Array<{ courseCode: string; courseName: string; unitCode: string; credits: number }>;
      }>(`/api/admin/periods/${catalog.periodId}/offerings`)
    ).body.items;

  it('checks an Excel file without writing, then imports the good rows and reports the bad one', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, coursesPerUnit: 1, counties: 1 });
    const [a, b, c, bad] = freshCodes(4);
    const rows = [
      ['课程代码', '课程名称', '考试单元', '学分'],
      [a!, '中国近现代史纲要', 'U1', 2],
      [Number(b), '马克思主义基本原理概论', 'u2', 4], // Excel dropped the leading zeros; unit codes ignore case
      [c!, '英语（二）', 'U9', 14],
      [`${bad}9`, '高等数学（工本）', 'U2', ''],
      [a!, '中国近现代史纲要', 'U1', 2],
    ];
    const file = await xlsx(rows);
    const checked = await importFile(catalog, form(file, '开考课程.xlsx'), 1);
    expect(checked.status, checked.text).toBe(200);
    const errors = [
      { row: 4, column: '考试单元', message: '考试单元“U9”不存在，本考次的考试单元为：U1、U2' },
      { row: 5, column: '课程代码', message: `课程代码“${bad}9”不正确，课程代码为5位数字` },
      { row: 6, column: '课程代码', message: `课程代码“${a}”与第2行重复` },
    ];
    expect(checked.body).toEqual({ dryRun: true, total: 5, valid: 2, imported: 0, errors });
    expect(await offerings(catalog)).toHaveLength(2);
    expect(await server.db.models.Course.count({ where: { code: [a!, b!] } })).toBe(0);

    const imported = await importFile(catalog, form(file, '开考课程.xlsx'), 0);
    expect(imported.body).toEqual({ dryRun: false, total: 5, valid: 2, imported: 2, errors });
    expect(await offerings(catalog)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ courseCode: a, courseName: '中国近现代史纲要', unitCode: 'U1', credits: 2 }),
        expect.objectContaining({ courseCode: b, courseName: '马克思主义基本原理概论', unitCode: 'U2', credits: 4 }),
      ]),
    );
    expect(await offerings(catalog)).toHaveLength(4);
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'offering.import', entityId: String(catalog.periodId) },
    });
    expect(audit!.after).toMatchObject({ file: '开考课程.xlsx', rows: 2, added: [`${a}@U1`, `${b}@U2`] });
  });

  it('reads a CSV, renames a course, and refuses to move a course already offered in another unit', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 2, coursesPerUnit: 1, counties: 1 });
    const [inU1] = catalog.units[0]!.codes;
    const [fresh] = freshCodes(1);
    const csv = `\uFEFF课程名称,课程代码,考试单元\n“计算机应用基础”,${fresh},U2\n\n改名课程,${inU1},U1\n移动课程,${inU1},U2\n`;
    const answer = await importFile(catalog, form(new Blob([csv]), 'offerings.csv'), 0);
    expect(answer.body).toEqual({
      dryRun: false,
      total: 3,
      valid: 2,
      imported: 2,
      errors: [{ row: 5, column: '课程代码', message: `课程代码“${inU1}”与第4行重复` }],
    });
    const items = await offerings(catalog);
    expect(items).toHaveLength(3);
    expect(items.find((o) => o.courseCode === inU1)).toMatchObject({ courseName: '改名课程', unitCode: 'U1' });

    const move = `课程代码,课程名称,考试单元\n${inU1},改名课程,U2\n`;
    expect((await importFile(catalog, form(new Blob([move]), 'move.csv'), 0)).body).toMatchObject({
      imported: 0,
      errors: [{ row: 2, column: '课程代码', message: `课程“${inU1}”本考次已在考试单元U1开考，请先删除原开考安排` }],
    });
  });

  it('refuses a file without the header, too many rows or too many bytes, and anyone but the province', async () => {
    const catalog = await insertBookingCatalog(server.db, { capacity: 5, units: 1, coursesPerUnit: 1, counties: 1 });
    const noHeader = await importFile(catalog, form(new Blob(['00015,高等数学,U1\n']), 'a.csv'), 1);
    expect(noHeader.status).toBe(400);
    expect(noHeader.body).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    expect(noHeader.text).toContain('缺少“课程代码”“课程名称”“考试单元”');

    const long = `课程代码,课程名称,考试单元\n${'00001,课程,U1\n'.repeat(5001)}`;
    expect((await importFile(catalog, form(new Blob([long]), 'long.csv'), 1)).body).toMatchObject({
      message: '导入文件不正确：一次最多导入5000行',
    });
    const big = new Blob([`课程代码,课程名称,考试单元\n${'x'.repeat(2 * 1024 * 1024)}`]);
    expect((await importFile(catalog, form(big, 'big.csv'), 1)).body).toMatchObject({
      message: '导入文件不正确：文件不能超过2MB',
    });
    expect((await importFile(catalog, form(new Blob(['x']), 'a.pdf'), 1)).body).toMatchObject({
      message: '导入文件不正确：请上传 .xlsx 或 .csv 文件',
    });

    const city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    const header = new Blob(['课程代码,课程名称,考试单元\n']);
    expect((await importFile(catalog, form(header, 'a.csv'), 0, city.api)).status).toBe(403);
  });
});
