import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { ENROLLED_PASSED_HEADERS, ENROLLED_TICKET_HEADERS, type ImportJobView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsSettled, runPendingImports } from '../src/modules/records/enrolledImport/importWorker';
import { startEnrolledImport } from '../src/modules/records/enrolledImport/startEnrolledImport';
import { ApiClient } from './support/apiClient';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { freshIdCardNo, insertCandidateWithTicket, insertCatalog, type CatalogFixture } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

const TICKET_HEADER = [...ENROLLED_TICKET_HEADERS];
const PASSED_HEADER = [...ENROLLED_PASSED_HEADERS];

const ticketNo = () => `77${String(randomInt(0, 1e10)).padStart(10, '0')}`;
const genderOf = (idCardNo: string) => (Number(idCardNo[16]) % 2 === 1 ? '男' : '女');
const phone = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;

async function workbook(tickets: unknown[][], passed: unknown[][], header = TICKET_HEADER): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('考籍').addRows([header, ...tickets]);
  book.addWorksheet('已合格课程').addRows([PASSED_HEADER, ...passed]);
  return new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]);
}

const form = (file: Blob, name = '考籍.xlsx', passed?: Blob) => {
  const data = new FormData();
  data.append('file', file, name);
  if (passed) data.append('passedFile', passed, '已合格课程.csv');
  return data;
};

describe('enrolled import (考籍导入)', () => {
  let server: TestServer;
  let province: OfficialClient;
  let catalog: CatalogFixture;
  let courseCodes: string[];
  beforeAll(async () => {
    server = await startTestServer();
    province = await signedInOfficial(server, 'province');
    catalog = await insertCatalog(server.db, { capacity: 5 });
    courseCodes = (await server.db.models.Course.findAll({ where: { id: catalog.courseIds } })).map((c) => c.code);
  });
  afterAll(() => server.close());

  const person = (overrides: Partial<Record<'ticket' | 'id' | 'name' | 'status' | 'phone', string>> = {}) => {
    const id = overrides.id ?? freshIdCardNo();
    return [
      overrides.ticket ?? ticketNo(),
      '居民身份证',
      id,
      overrides.name ?? '李导入',
      genderOf(id),
      '汉族',
      catalog.majorCode,
      catalog.countyCode,
      overrides.status ?? '有效',
      overrides.phone ?? '',
      '',
    ];
  };

  const passportRow = (no: string, passport: string, name: string, birth: string | Date) => [
    ...[no, '护照', passport, name, '男', ''],
    ...[catalog.majorCode, catalog.countyCode, '有效', '', birth],
  ];

  /** Uploads, lets the dry run finish, and answers the job as the admin sees it. */
  async function upload(data: FormData, api = province.api) {
    const response = await api.post<ImportJobView & { code?: string; message?: string }>(
      '/api/admin/imports/enrolled',
      data,
    );
    if (response.status !== 201) return { response, job: null };
    await importsSettled(server.db);
    const job = await api.get<ImportJobView>(`/api/admin/imports/enrolled/${response.body.id}`);
    return { response, job: job.body };
  }
  async function importFile(data: FormData) {
    const { job, response } = await upload(data);
    expect(job?.state, response.text).toBe('checked');
    expect(job!.errors).toEqual([]);
    const started = await province.api.post<ImportJobView>(`/api/admin/imports/enrolled/${job!.id}/start`);
    expect(started.status, started.text).toBe(200);
    await importsSettled(server.db);
    return (await province.api.get<ImportJobView>(`/api/admin/imports/enrolled/${job!.id}`)).body;
  }
  const jobCount = () => server.db.models.ImportJob.count();
  const candidateByTicket = async (no: string) => {
    const ticket = await server.db.models.Ticket.findOne({ where: { ticketNo: no } });
    return ticket ? server.db.models.Candidate.findByPk(ticket.candidateId) : null;
  };

  it('lists every bad row with its reason in the dry run and writes nothing', async () => {
    const taken = await insertCandidateWithTicket(server.db, 'taken');
    const good = person();
    const badChecksum = person();
    badChecksum[2] = `${String(badChecksum[2]).slice(0, 17)}${String(badChecksum[2]).endsWith('0') ? '1' : '0'}`;
    const badBirth = person({ id: '510104199913400011' });
    const duplicate = person({ ticket: String(good[0]) });
    const passport = passportRow(ticketNo(), 'E12345678', '外籍', '');
    const rows = [
      good, // row 2
      badChecksum, // 3
      badBirth, // 4
      person({ ticket: '7712345' }), // 5
      duplicate, // 6
      person({ ticket: taken.ticketNo }), // 7: held by another ID
      [...person().slice(0, 6), 'NOPE', ...person().slice(7)], // 8
      [...person().slice(0, 7), '000000', ...person().slice(8)], // 9
      person({ status: '休学' }), // 10
      (() => {
        const p = person();
        p[4] = '未知';
        return p;
      })(), // 11
      person({ phone: '12345' }), // 12
      passport, // 13: no birth date
    ];
    const passed = [
      [good[0], courseCodes[0], '202304', 75, '', '考试'], // 2 fine
      [good[0], 'ABCDE', '202304', 75, '', '考试'], // 3 unknown course
      [good[0], courseCodes[1], '202304', 101, '', '考试'], // 4
      [good[0], courseCodes[1], '202310', '', '差', '考试'], // 5
      [ticketNo(), courseCodes[0], '202304', 60, '', '考试'], // 6 ticket nowhere
      [good[0], courseCodes[0], '202310', 80, '', '考试'], // 7 duplicate course for the ticket
    ];
    const before = await jobCount();
    const { job } = await upload(form(await workbook(rows, passed)));
    expect(await jobCount()).toBe(before + 1);
    expect(job!.state).toBe('checked');
    const codes = job!.errors.map((e) => [e.sheet, e.row, e.field, e.code]);
    expect(codes).toEqual([
      ['考籍', 3, '证件号码', 'DOCUMENT_NO_INVALID'],
      ['考籍', 4, '证件号码', 'DOCUMENT_NO_INVALID'],
      ['考籍', 5, '准考证号', 'TICKET_NO_INVALID'],
      ['考籍', 6, '准考证号', 'TICKET_DUPLICATE_IN_FILE'],
      ['考籍', 7, '准考证号', 'TICKET_OF_ANOTHER_PERSON'],
      ['考籍', 8, '专业代码', 'MAJOR_UNKNOWN'],
      ['考籍', 9, '报考县区代码', 'COUNTY_UNKNOWN'],
      ['考籍', 10, '考籍状态', 'STATUS_INVALID'],
      ['考籍', 11, '性别', 'GENDER_INVALID'],
      ['考籍', 12, '手机号', 'PHONE_INVALID'],
      ['考籍', 13, '出生日期', 'REQUIRED'],
      ['已合格课程', 3, '课程代码', 'COURSE_UNKNOWN'],
      ['已合格课程', 4, '成绩', 'SCORE_INVALID'],
      ['已合格课程', 5, '等级', 'GRADE_INVALID'],
      ['已合格课程', 6, '准考证号', 'PASSED_TICKET_UNKNOWN'],
      ['已合格课程', 7, '课程代码', 'PASSED_DUPLICATE_IN_FILE'],
    ]);
    expect(job!.errors.find((e) => e.row === 6 && e.sheet === '考籍')!.message).toBe(`准考证号${good[0]}与第2行重复`);
    expect(job!.errors.find((e) => e.row === 4 && e.sheet === '已合格课程')!.message).toBe(
      '成绩“101”不正确，应为0至100的整数',
    );
    expect(job!.errorRows).toBe(16);
    expect(job!.totalRows).toBe(18);
    expect(await candidateByTicket(String(good[0]))).toBeNull();
    // A file with bad rows cannot be imported.
    const refused = await province.api.post(`/api/admin/imports/enrolled/${job!.id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('IMPORT_NOT_READY');
  });

  it('refuses a wrong header, a file that is no sheet, and one over 50 MB before writing anything', async () => {
    const before = await jobCount();
    const wrongHeader = await upload(form(await workbook([person()], [], ['准考证号', '姓名'])));
    expect(wrongHeader.response.status).toBe(400);
    expect(wrongHeader.response.body.message).toContain('缺少“证件类型”');
    const notSheet = await upload(form(new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])]), 'photo.png'));
    expect(notSheet.response.status).toBe(400);
    expect(notSheet.response.body.code).toBe('IMPORT_FILE_INVALID');
    const tooLarge = await upload(form(new Blob([Buffer.alloc(50 * 1024 * 1024 + 1)]), 'big.xlsx'));
    expect(tooLarge.response.status).toBe(400);
    expect(tooLarge.response.body.message).toContain('50MB');
    expect(await jobCount()).toBe(before);
  });

  it('is for the province only', async () => {
    const county = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
    const refused = await county.api.post('/api/admin/imports/enrolled', form(await workbook([person()], [])));
    expect(refused.status).toBe(403);
    expect((await county.api.get('/api/admin/imports/enrolled')).status).toBe(403);
  });

  it('imports, changes nothing on the same file again, and updates a changed row with an audit entry', async () => {
    const a = person({ phone: phone() });
    const b = person();
    const passed = [
      [a[0], courseCodes[0], '202304', 75, '', '考试'],
      [a[0], courseCodes[1], '202210', '', '', '免考'],
    ];
    const first = await importFile(form(await workbook([a, b], passed)));
    expect(first.state).toBe('done');
    expect(first.summary).toEqual({
      candidates: { created: 2, updated: 0, unchanged: 0 },
      tickets: { created: 2, updated: 0, unchanged: 0 },
      passedCourses: { created: 2, updated: 0, unchanged: 0 },
    });
    const candidate = (await candidateByTicket(String(a[0])))!;
    expect(candidate).toMatchObject({ phoneOnFile: a[9], phone: null, passwordHash: null, ethnicity: '汉族' });
    expect(candidate.countyId).toBe(catalog.countyId);

    const audits = () => server.db.models.AuditLog.count({ where: { entityType: ['candidate', 'ticket'] } });
    const auditsBefore = await audits();
    const again = await importFile(form(await workbook([a, b], passed)));
    expect(again.summary).toEqual({
      candidates: { created: 0, updated: 0, unchanged: 2 },
      tickets: { created: 0, updated: 0, unchanged: 2 },
      passedCourses: { created: 0, updated: 0, unchanged: 2 },
    });
    expect(await audits()).toBe(auditsBefore);

    const changedA = [...a];
    changedA[3] = '李改名';
    changedA[8] = '已毕业';
    const changedPassed = [[a[0], courseCodes[0], '202304', 82, '', '考试'], passed[1]!];
    const third = await importFile(form(await workbook([changedA, b], changedPassed)));
    expect(third.state, server.logLines.filter((l) => l.includes('interrupted')).join('\n')).toBe('done');
    expect(third.summary).toEqual({
      candidates: { created: 0, updated: 1, unchanged: 1 },
      tickets: { created: 0, updated: 1, unchanged: 1 },
      passedCourses: { created: 0, updated: 1, unchanged: 1 },
    });
    const entries = await server.db.models.AuditLog.findAll({
      where: { action: ['candidate.import_update', 'ticket.import_update', 'passed_course.import_update'] },
      order: [['id', 'DESC']],
      limit: 3,
    });
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(byAction['candidate.import_update']).toMatchObject({
      entityId: String(candidate.id),
      before: { name: '李导入' },
      after: { name: '李改名' },
      actorId: province.id,
    });
    expect(byAction['ticket.import_update']).toMatchObject({
      before: { status: 'active' },
      after: { status: 'graduated' },
    });
    expect(byAction['passed_course.import_update']).toMatchObject({
      before: { courseCode: courseCodes[0], score: 75 },
      after: { courseCode: courseCodes[0], score: 82 },
    });
  });

  it('lets an imported candidate log in with the initial password, with no password hash stored', async () => {
    const id = freshIdCardNo();
    const row = person({ id });
    const done = await importFile(form(await workbook([row], [])));
    expect(done.state).toBe('done');
    const candidate = (await candidateByTicket(String(row[0])))!;
    expect(candidate.passwordHash).toBeNull();
    const api = new ApiClient(server.baseUrl);
    const wrong = await api.post('/api/accounts/login', { account: row[0], password: '000000' });
    expect(wrong.status).toBe(401);
    const login = await api.post<{ accessToken: string }>('/api/accounts/login', {
      account: row[0],
      password: id.slice(-6),
    });
    expect(login.status, login.text).toBe(200);
    expect(login.body.accessToken).toBeTruthy();
    expect((await server.db.models.Candidate.findByPk(candidate.id))!.passwordHash).toBeNull();
  });

  it('reads the CSV pair (UTF-8 with BOM, as the template) like the workbook', async () => {
    const row = person();
    const csv = (rows: unknown[][]) => `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
    const tickets = new Blob([csv([TICKET_HEADER, row])]);
    const passed = new Blob([csv([PASSED_HEADER, [row[0], courseCodes[0], '202304', 90, '', '考试']])]);
    const done = await importFile(form(tickets, '考籍.csv', passed));
    expect(done.summary?.tickets.created).toBe(1);
    expect(done.summary?.passedCourses.created).toBe(1);
  });

  it('resumes an interrupted import after its last committed batch', async () => {
    const rows = Array.from({ length: 7 }, () => person());
    const { job } = await upload(form(await workbook(rows, [])));
    expect(job!.state, JSON.stringify(job)).toBe('checked');
    const official = (await server.db.models.Official.findByPk(province.id))!;
    await startEnrolledImport(server.services, official, job!.id, { ip: '127.0.0.1', requestId: 'test' });
    const t0 = new Date();
    await runPendingImports(server.services, {
      batchSize: 2,
      now: () => t0,
      beforeBatch: (committed) => {
        if (committed === 2) throw new Error('the process died here');
      },
    });
    const stopped = (await server.db.models.ImportJob.findByPk(job!.id))!;
    expect(stopped).toMatchObject({ state: 'importing', doneRows: 4 });
    expect(await server.db.models.Ticket.count({ where: { ticketNo: rows.map((r) => String(r[0])) } })).toBe(4);
    // Another instance finds nothing to do while the lease holds, and takes over once it ran out.
    expect(await runPendingImports(server.services, { batchSize: 2, now: () => new Date(t0.getTime() + 1000) })).toBe(
      0,
    );
    await runPendingImports(server.services, { batchSize: 2, now: () => new Date(t0.getTime() + 120_000) });
    const done = (await province.api.get<ImportJobView>(`/api/admin/imports/enrolled/${job!.id}`)).body;
    expect(done).toMatchObject({ state: 'done', doneRows: 7, totalRows: 7 });
    expect(done.summary!.tickets).toEqual({ created: 7, updated: 0, unchanged: 0 });
    expect(await server.db.models.Ticket.count({ where: { ticketNo: rows.map((r) => String(r[0])) } })).toBe(7);
  });

  it('lets exactly one of two workers take a job, so every row is written once', async () => {
    const rows = Array.from({ length: 6 }, () => person());
    const { job } = await upload(form(await workbook(rows, [])));
    expect(job!.state).toBe('checked');
    const official = (await server.db.models.Official.findByPk(province.id))!;
    await startEnrolledImport(server.services, official, job!.id, { ip: '127.0.0.1', requestId: 'test' });
    const handled = await Promise.all([
      runPendingImports(server.services, { batchSize: 2 }),
      runPendingImports(server.services, { batchSize: 2 }),
    ]);
    expect(handled.sort()).toEqual([0, 1]);
    const done = (await province.api.get<ImportJobView>(`/api/admin/imports/enrolled/${job!.id}`)).body;
    expect(done).toMatchObject({ state: 'done', doneRows: 6 });
    expect(done.summary!.tickets).toEqual({ created: 6, updated: 0, unchanged: 0 });
  });

  it('fails a job that breaks off twice at the same place instead of retrying it forever', async () => {
    const rows = Array.from({ length: 4 }, () => person());
    const { job } = await upload(form(await workbook(rows, [])));
    const official = (await server.db.models.Official.findByPk(province.id))!;
    await startEnrolledImport(server.services, official, job!.id, { ip: '127.0.0.1', requestId: 'test' });
    const t0 = Date.now();
    // The second batch breaks every time: after one batch in the first run, before any in the second.
    const breaking = (at: number, afterBatches: number) => ({
      batchSize: 2,
      now: () => new Date(at),
      beforeBatch: (committed: number) => {
        if (committed === afterBatches) throw new Error('a bug in the second batch');
      },
    });
    await runPendingImports(server.services, breaking(t0, 1));
    expect(await server.db.models.ImportJob.findByPk(job!.id)).toMatchObject({ state: 'importing', doneRows: 2 });
    await runPendingImports(server.services, breaking(t0 + 120_000, 0));
    const failed = (await province.api.get<ImportJobView>(`/api/admin/imports/enrolled/${job!.id}`)).body;
    expect(failed).toMatchObject({ state: 'failed', doneRows: 2 });
    expect(failed.failure).toContain('两次中断');
    expect(await server.db.models.Ticket.count({ where: { ticketNo: rows.map((r) => String(r[0])) } })).toBe(2);
  });

  it('offers the template: a workbook with both sheets and their headers, or two CSV files', async () => {
    const xlsx = await province.api.bytes('/api/admin/imports/enrolled/template.xlsx');
    expect(xlsx.response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const header = (name: string) => (book.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(header('考籍')).toEqual(TICKET_HEADER);
    expect(header('已合格课程')).toEqual(PASSED_HEADER);
    const csv = await province.api.bytes('/api/admin/imports/enrolled/template-passed.csv');
    expect(csv.response.status).toBe(200);
    expect(csv.bytes.toString('utf8')).toBe(`\uFEFF${PASSED_HEADER.join(',')}\r\n`);
  });

  it('takes a birth date typed as an Excel date for a document without one (a passport)', async () => {
    const no = ticketNo();
    const passport = `E${randomInt(1e7, 1e8)}`;
    const row = passportRow(no, passport, 'SMITH JOHN', new Date('1990-05-17T00:00:00Z'));
    const done = await importFile(form(await workbook([row], [])));
    expect(done.state).toBe('done');
    expect(await candidateByTicket(no)).toMatchObject({
      documentType: 'passport',
      birthDate: '1990-05-17',
      name: 'SMITH JOHN',
    });
  });

  it('leaves a record closed by 合档 alone and gives its new tickets to the record it was merged into', async () => {
    const closed = person();
    const kept = person();
    await importFile(form(await workbook([closed, kept], [])));
    const closedRecord = (await candidateByTicket(String(closed[0])))!;
    const keptRecord = (await candidateByTicket(String(kept[0])))!;
    // 合档 as the province does it: the ticket moves, the other record is closed.
    await server.db.models.Ticket.update({ candidateId: keptRecord.id }, { where: { ticketNo: String(closed[0]) } });
    await closedRecord.update({ mergedIntoId: keptRecord.id });

    const secondMajor = [ticketNo(), ...closed.slice(1)];
    const again = await importFile(form(await workbook([closed, kept, secondMajor], [])));
    expect(again.summary).toMatchObject({
      candidates: { created: 0, updated: 0, unchanged: 2 },
      tickets: { created: 1, updated: 0, unchanged: 2 },
    });
    expect((await candidateByTicket(String(secondMajor[0])))!.id).toBe(keptRecord.id);
    expect((await candidateByTicket(String(closed[0])))!.id).toBe(keptRecord.id);
  });

  it('makes an imported candidate with a phone on file bind exactly that phone at first login', async () => {
    const id = freshIdCardNo();
    const onFile = phone();
    const row = person({ id, phone: onFile });
    await importFile(form(await workbook([row], [])));
    const api = new ApiClient(server.baseUrl);
    const login = await api.post<{ accessToken: string }>('/api/accounts/login', {
      account: row[0],
      password: id.slice(-6),
    });
    expect(login.status, login.text).toBe(200);
    api.token = login.body.accessToken;
    const other = await api.post('/api/accounts/phone/sms-code', { phone: phone() });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('PHONE_NOT_ON_FILE');
    expect((await api.post('/api/accounts/phone/sms-code', {})).status).toBe(200);
    const smsCode = await server.simulator.latestSmsCode(onFile);
    const bound = await api.post<{ phoneMasked: string }>('/api/accounts/phone', { smsCode });
    expect(bound.status, bound.text).toBe(200);
    expect((await candidateByTicket(String(row[0])))!.phone).toBe(onFile);
  });
});
