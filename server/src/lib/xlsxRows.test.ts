import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxRows, XlsxError, type XlsxSheetRow } from './xlsxRows';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kaowei-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(file: string): Promise<XlsxSheetRow[]> {
  const all: XlsxSheetRow[] = [];
  for await (const row of readXlsxRows(file)) all.push(row);
  return all;
}

describe('reading .xlsx rows from the file', () => {
  it('reads shared and rich-text strings, numbers, gaps and every sheet in order', async () => {
    const book = new ExcelJS.Workbook();
    const first = book.addWorksheet('考籍');
    first.addRow(['准考证号', '姓名&备注', '', '成绩']);
    first.addRow([512400000001, { richText: [{ text: '欧阳' }, { text: '娜娜' }] }, '', 95]);
    first.addRow([]);
    first.addRow(['<后>']);
    book.addWorksheet('已合格课程').addRow(['00015', '202304']);
    const file = path.join(dir, 'shared.xlsx');
    await book.xlsx.writeFile(file);
    expect(await rows(file)).toEqual([
      { sheet: '考籍', sheetIndex: 0, row: 1, cells: ['准考证号', '姓名&备注', '', '成绩'] },
      { sheet: '考籍', sheetIndex: 0, row: 2, cells: ['512400000001', '欧阳娜娜', '', '95'] },
      { sheet: '考籍', sheetIndex: 0, row: 4, cells: ['<后>'] },
      { sheet: '已合格课程', sheetIndex: 1, row: 1, cells: ['00015', '202304'] },
    ]);
  });

  it('reads inline strings as streaming writers (and WPS) write them, Chinese text whole across chunks', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = book.addWorksheet('考籍');
    for (let i = 0; i < 5000; i += 1) sheet.addRow([`考生${i}`, '有效']).commit();
    sheet.commit();
    await book.commit();
    const read = await rows(file);
    expect(read).toHaveLength(5000);
    expect(read.every((r, i) => r.cells[0] === `考生${i}` && r.cells[1] === '有效')).toBe(true);
  });

  it('reads long Chinese text, shared and inline, intact across many chunks', async () => {
    // 3-byte characters and a 4-byte one (𠀀, a surrogate pair), in strings far longer than a 16 KB chunk.
    const long = (i: number) => `${i}号考生：${'四川省高等教育自学考试考籍𠀀'.repeat(2000 + i)}`;
    for (const useSharedStrings of [true, false]) {
      const file = path.join(dir, `long-${useSharedStrings}.xlsx`);
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
      const sheet = book.addWorksheet('考籍');
      for (let i = 0; i < 40; i += 1) sheet.addRow([long(i), `姓名${i}`]).commit();
      sheet.commit();
      await book.commit();
      const read = await rows(file);
      expect(read).toHaveLength(40);
      read.forEach((r, i) => expect(r.cells).toEqual([long(i), `姓名${i}`]));
    }
  });

  it('refuses a row, or a single cell, too long to be one a person filled in', async () => {
    const tooLong = {
      'many-cells': Array.from({ length: 40 }, () => '考'.repeat(30_000)),
      'one-cell': ['考'.repeat(1_200_000)],
    };
    for (const [name, cells] of Object.entries(tooLong)) {
      const file = path.join(dir, `${name}.xlsx`);
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
      const sheet = book.addWorksheet('考籍');
      sheet.addRow(['准考证号']).commit();
      sheet.addRow(cells).commit();
      sheet.commit();
      await book.commit();
      const read: number[] = [];
      const reading = (async () => {
        for await (const row of readXlsxRows(file)) read.push(row.row);
      })();
      await expect(reading).rejects.toThrow(XlsxError);
      await expect(reading).rejects.toThrow('over 1000000 characters');
      expect(read).toEqual([1]);
    }
  });

  it('refuses a file that is not a ZIP', async () => {
    const file = path.join(dir, 'not.xlsx');
    writeFileSync(file, 'just text');
    await expect(rows(file)).rejects.toThrow('not a ZIP file');
  });
});
