import { randomBytes, randomInt } from 'node:crypto';
import type { MajorDetail, MajorImportAnswer, MajorView } from '@kaowei/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/apiClient';
import { solvedCaptcha, submitRegistration, uploadPhoto } from './support/accountFlows';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertCatalog, insertCourses, type CatalogFixture } from './support/fixtures';
import { makePng } from './support/images';
import { readXlsx } from './support/spreadsheets';
import { startTestServer, type TestServer } from './support/testApp';

const majorCode = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;
const csv = (text: string, name = 'majors.csv') => {
  const form = new FormData();
  form.append('file', new Blob([`\uFEFF${text}`]), name);
  return form;
};

describe('专业管理: majors and course plans', () => {
  let server: TestServer;
  let province: OfficialClient;
  let county: OfficialClient;
  let catalog: CatalogFixture;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    catalog = await insertCatalog(server.db, { capacity: 5 });
    province = await signedInOfficial(server, 'province');
    county = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
  });
  afterAll(() => server.close());

  const audit = (action: string, entityId?: number) =>
    server.db.models.AuditLog.findOne({
      where: { action, ...(entityId ? { entityId: String(entityId) } : {}) },
      order: [['id', 'DESC']],
    });

  it('lets the province create, edit and close a major and edit its plan; others may only read', async () => {
    const code = majorCode();
    const [course] = await insertCourses(server.db, 1);
    const created = await province.api.post<MajorDetail>('/api/admin/majors', {
      code: code.toLowerCase(),
      name: '人力资源管理',
      level: '本科',
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body).toMatchObject({ code, status: 'open', statusLabel: '正常开考', transitionEndsOn: null });
    const id = created.body.id;
    const again = await province.api.post('/api/admin/majors', { code, name: '重复', level: '专科' });
    expect(again.body).toMatchObject({ code: 'CODE_TAKEN', message: `专业代码“${code}”已存在` });

    // 停考过渡期 needs its last day.
    const noDate = await province.api.put(`/api/admin/majors/${id}`, {
      name: '人力资源管理',
      level: '本科',
      status: 'transition',
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.message).toContain('停考过渡期须填写过渡期截止日期');
    const transition = await province.api.put<MajorDetail>(`/api/admin/majors/${id}`, {
      name: '人力资源管理',
      level: '本科',
      status: 'transition',
      transitionEndsOn: '2099-12-31',
    });
    expect(transition.body).toMatchObject({
      status: 'transition',
      effectiveStatus: 'transition',
      transitionEndsOn: '2099-12-31',
    });
    const statusAudit = await audit('major.status', id);
    expect(statusAudit!.before).toEqual({ status: 'open', transitionEndsOn: null });
    expect(statusAudit!.after).toEqual({ status: 'transition', transitionEndsOn: '2099-12-31' });

    const added = await province.api.post<MajorDetail>(`/api/admin/majors/${id}/courses`, {
      courseCode: course!.code,
      required: false,
      credits: 6,
      practical: true,
    });
    expect(added.body.courses).toEqual([
      expect.objectContaining({
        courseCode: course!.code,
        required: false,
        credits: 6,
        ownCredits: true,
        practical: true,
      }),
    ]);
    const ownCredits = await province.api.post<MajorDetail>(`/api/admin/majors/${id}/courses`, {
      courseCode: course!.code,
      required: true,
    });
    expect(ownCredits.body.courses[0]).toMatchObject({ required: true, credits: course!.credits, ownCredits: false });
    expect((await audit('major.course.update', id))!.before).toMatchObject({
      required: false,
      credits: 6,
      practical: true,
    });
    const unknown = await province.api.post(`/api/admin/majors/${id}/courses`, { courseCode: '99999' });
    expect(unknown.status).toBe(404);

    // City and county offices read majors, and change nothing.
    const list = await county.api.get<{ items: MajorView[] }>('/api/admin/majors');
    expect(list.body.items.find((m) => m.id === id)).toMatchObject({ courseCount: 1, statusLabel: '停考过渡期' });
    expect((await county.api.get<MajorDetail>(`/api/admin/majors/${id}`)).body.courses).toHaveLength(1);
    const refusals = [
      await county.api.post('/api/admin/majors', { code: majorCode(), name: '县建专业', level: '专科' }),
      await county.api.put(`/api/admin/majors/${id}`, { name: '改名', level: '本科', status: 'open' }),
      await county.api.post(`/api/admin/majors/${id}/courses`, { courseCode: course!.code }),
      await county.api.request('DELETE', `/api/admin/majors/${id}/courses/${course!.code}`),
      await county.api.post('/api/admin/majors/import?kind=majors&dryRun=1', csv('专业代码,专业名称,层次\n')),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);

    const removed = await province.api.request<MajorDetail>(
      'DELETE',
      `/api/admin/majors/${id}/courses/${course!.code}`,
    );
    expect(removed.body.courses).toEqual([]);
    expect((await audit('major.course.remove', id))!.before).toMatchObject({ courseCode: course!.code });
  });

  it('checks an import first, listing every bad row, then imports; the same file again changes nothing', async () => {
    const [a, b, c] = [majorCode(), majorCode(), majorCode()];
    const majors = [
      '专业代码,专业名称,层次,状态,过渡期截止日期',
      `${a},经济学,本科,,`,
      `${b},汉语言文学,专科,停考过渡期,2027年12月31日`,
      `${c},行政管理,硕士,,`,
      `${a},经济学（重复）,本科,,`,
      `T1,法学,本科,停考过渡期,`,
      `T2,会计,本科,暂停,2027-02-30`,
    ].join('\n');
    const dry = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=majors&dryRun=1',
      csv(majors),
    );
    expect(dry.status, dry.text).toBe(200);
    const errors = [
      { row: 4, column: '层次', message: '层次“硕士”不正确，须为专科或本科' },
      { row: 5, column: '专业代码', message: `专业代码“${a}”与第2行重复` },
      { row: 6, column: '过渡期截止日期', message: '停考过渡期须填写过渡期截止日期' },
      { row: 7, column: '状态', message: '状态“暂停”不正确，须为正常开考、停考过渡期或已停考' },
      { row: 7, column: '过渡期截止日期', message: '过渡期截止日期“2027-02-30”不正确，请填写如2027-12-31的日期' },
    ];
    expect(dry.body).toEqual({
      kind: 'majors',
      dryRun: true,
      total: 6,
      valid: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      errors,
    });
    expect(await server.db.models.Major.count({ where: { code: [a, b] } })).toBe(0);

    const done = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=majors&dryRun=0',
      csv(majors),
    );
    expect(done.body).toMatchObject({ dryRun: false, created: 2, updated: 0, errors });
    const imported = await server.db.models.Major.findOne({ where: { code: b } });
    expect(imported).toMatchObject({
      name: '汉语言文学',
      level: '专科',
      status: 'transition',
      transitionEndsOn: '2027-12-31',
    });
    const again = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=majors&dryRun=0',
      csv(majors),
    );
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    // Excel: a typed date is a date cell; a code typed as a number stays a code.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('专业');
    sheet.addRow(['专业代码', '专业名称', '层次', '状态', '过渡期截止日期']);
    sheet.addRow([b, '汉语言文学', '专科', '停考过渡期', new Date(Date.UTC(2028, 5, 30))]);
    const xlsx = new FormData();
    xlsx.append('file', new Blob([(await workbook.xlsx.writeBuffer()) as ArrayBuffer]), '专业.xlsx');
    const dated = await province.api.post<MajorImportAnswer>('/api/admin/majors/import?kind=majors&dryRun=0', xlsx);
    expect(dated.body).toMatchObject({ updated: 1, errors: [] });
    expect(await server.db.models.Major.findOne({ where: { code: b } })).toMatchObject({
      transitionEndsOn: '2028-06-30',
    });

    // A changed row updates the major, audited with before and after.
    const changed = `专业代码,专业名称,层次,状态\n${a},经济学,本科,已停考\n`;
    expect(
      (await province.api.post<MajorImportAnswer>('/api/admin/majors/import?kind=majors&dryRun=0', csv(changed))).body,
    ).toMatchObject({ updated: 1 });
    const entry = await audit('major.import');
    expect(entry!.before).toEqual({ [a]: { status: 'open' } });
    expect(entry!.after).toMatchObject({ file: 'majors.csv', updated: { [a]: { status: 'closed' } } });

    // Plans: an unknown major, an unknown course without a name, a bad kind, credits out of range.
    const [known] = await insertCourses(server.db, 1);
    const fresh = String(randomInt(0, 10_000)).padStart(5, '0');
    await server.db.models.Course.destroy({ where: { code: fresh } });
    const plans = [
      '专业代码,课程代码,课程名称,必考/选考,学分,理论/实践',
      `${a},${known!.code},,必考,,理论`,
      `${a},${fresh},新开课程,选考,3,实践`,
      `NOPE${a},${known!.code},,必考,,`,
      `${b},88888,,必考,,`,
      `${b},${known!.code},,任选,30,上机`,
    ].join('\n');
    const planDry = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=plans&dryRun=1',
      csv(plans, 'plans.csv'),
    );
    expect(planDry.body).toMatchObject({ kind: 'plans', total: 5, valid: 2, created: 2 });
    expect(planDry.body.errors).toEqual([
      { row: 4, column: '专业代码', message: `专业“NOPE${a}”不存在，请先导入或新增该专业` },
      { row: 5, column: '课程名称', message: '课程“88888”不存在，新课程请填写课程名称' },
      { row: 6, column: '必考/选考', message: '“任选”不正确，须为必考或选考' },
      { row: 6, column: '学分', message: '学分须为0至20的整数' },
      { row: 6, column: '理论/实践', message: '“上机”不正确，须为理论或实践' },
    ]);
    const planDone = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=plans&dryRun=0',
      csv(plans, 'plans.csv'),
    );
    expect(planDone.body).toMatchObject({ created: 2, updated: 0 });
    const majorA = await server.db.models.Major.findOne({ where: { code: a } });
    const detail = await province.api.get<MajorDetail>(`/api/admin/majors/${majorA!.id}`);
    expect(detail.body.courses).toEqual([
      expect.objectContaining({ courseCode: known!.code, required: true, ownCredits: false, practical: false }),
      expect.objectContaining({
        courseCode: fresh,
        courseName: '新开课程',
        required: false,
        credits: 3,
        practical: true,
      }),
    ]);
    const planAgain = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=plans&dryRun=0',
      csv(plans, 'plans.csv'),
    );
    expect(planAgain.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const badHeader = await province.api.post('/api/admin/majors/import?kind=plans&dryRun=1', csv('专业,课程\nA,B\n'));
    expect(badHeader.body).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    expect(badHeader.body.message).toContain('缺少“专业代码”“课程代码”');
  });

  it('offers each import template as an Excel file with the header the import reads', async () => {
    const { response, bytes } = await county.api.bytes('/api/admin/majors/import-template?kind=plans');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const rows = await readXlsx(bytes);
    expect(rows[0]).toEqual(['专业代码', '课程代码', '课程名称', '必考/选考', '学分', '理论/实践']);
    // The majors template's example rows pass the dry run as they are.
    const { bytes: majors } = await province.api.bytes('/api/admin/majors/import-template?kind=majors');
    const majorsForm = new FormData();
    majorsForm.append('file', new Blob([majors]), 'majors.xlsx');
    const checked = await province.api.post<MajorImportAnswer>(
      '/api/admin/majors/import?kind=majors&dryRun=1',
      majorsForm,
    );
    expect(checked.body).toMatchObject({ total: 2, valid: 2, errors: [] });
  });

  it('refuses 新生注册 for a major in 停考过渡期, naming its last day, and for a closed one', async () => {
    const major = await server.db.models.Major.findByPk(catalog.majorId);
    const api = new ApiClient(server.baseUrl);
    const register = async () => {
      const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
      return submitRegistration(api, server.simulator, {
        majorCode: catalog.majorCode,
        countyCode: catalog.countyCode,
        photoId: photo.body.photoId,
      });
    };
    const listed = async () =>
      (await api.get<{ majors: Array<{ code: string }> }>('/api/catalog/majors')).body.majors.some(
        (m) => m.code === catalog.majorCode,
      );
    expect(await listed()).toBe(true);
    await province.api.put(`/api/admin/majors/${major!.id}`, {
      name: major!.name,
      level: major!.level,
      status: 'transition',
      transitionEndsOn: '2099-12-31',
    });
    const refused = await register();
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual(
      expect.objectContaining({
        code: 'MAJOR_IN_TRANSITION',
        message: '该专业已停考，处于过渡期（至2099年12月31日），不再接受新生注册',
      }),
    );
    expect(await listed()).toBe(false);

    await province.api.put(`/api/admin/majors/${major!.id}`, {
      name: major!.name,
      level: major!.level,
      status: 'closed',
    });
    expect((await register()).body).toMatchObject({ code: 'MAJOR_CLOSED', message: '该专业已停考，不再接受新生注册' });

    await province.api.put(`/api/admin/majors/${major!.id}`, {
      name: major!.name,
      level: major!.level,
      status: 'open',
    });
    expect((await register()).status).toBe(200);
  });
});
