import ExcelJS from 'exceljs';
import { CERTIFICATE_HEADERS, type CertificateImportSummary, type ImportJobView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsSettled } from '../src/modules/records/enrolledImport/importWorker';
import { solvedCaptcha } from './support/accountFlows';
import { ApiClient } from './support/apiClient';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertCandidateWithTicket, insertCatalog, type CatalogFixture } from './support/fixtures';
import { startTestServer, type TestServer } from './support/testApp';

type JobView = Omit<ImportJobView, 'summary'> & { summary: CertificateImportSummary | null };

const certNo = () =>
  `ZS${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

async function workbook(rows: unknown[][]): Promise<FormData> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('证书').addRows([[...CERTIFICATE_HEADERS], ...rows]);
  const data = new FormData();
  data.append('file', new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]), '证书.xlsx');
  return data;
}

const csv = (rows: string[][]) => {
  const data = new FormData();
  const text = `\uFEFF${[[...CERTIFICATE_HEADERS], ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
  data.append('file', new Blob([text]), '证书.csv');
  return data;
};

describe('certificates (证书导入, 证书查询)', () => {
  let server: TestServer;
  let province: OfficialClient;
  let catalog: CatalogFixture;
  let holder: Awaited<ReturnType<typeof insertCandidateWithTicket>>;
  let other: Awaited<ReturnType<typeof insertCandidateWithTicket>>;
  beforeAll(async () => {
    server = await startTestServer();
    province = await signedInOfficial(server, 'province');
    catalog = await insertCatalog(server.db, { capacity: 5 });
    holder = await insertCandidateWithTicket(server.db, 'holder');
    other = await insertCandidateWithTicket(server.db, 'other');
    await server.db.models.Ticket.update(
      { majorId: catalog.majorId },
      { where: { id: [holder.ticketId, other.ticketId] } },
    );
    await server.db.models.Candidate.update({ name: '王证书' }, { where: { id: holder.candidateId } });
  });
  afterAll(() => server.close());

  async function upload(data: FormData): Promise<JobView> {
    const response = await province.api.post<JobView>('/api/admin/imports/certificates', data);
    expect(response.status, response.text).toBe(201);
    await importsSettled(server.db);
    return (await province.api.get<JobView>(`/api/admin/imports/certificates/${response.body.id}`)).body;
  }
  async function importFile(data: FormData): Promise<JobView> {
    const checked = await upload(data);
    expect(checked.state, JSON.stringify(checked.errors)).toBe('checked');
    expect(checked.errorRows).toBe(0);
    const started = await province.api.post(`/api/admin/imports/certificates/${checked.id}/start`, {});
    expect(started.status, started.text).toBe(200);
    await importsSettled(server.db);
    return (await province.api.get<JobView>(`/api/admin/imports/certificates/${checked.id}`)).body;
  }

  it('refuses every bad row in the dry run with a stable code, and imports nothing', async () => {
    const heldElsewhere = certNo();
    await server.db.models.Certificate.create({
      certificateNo: heldElsewhere,
      candidateId: other.candidateId,
      ticketId: other.ticketId,
      majorId: catalog.majorId,
      issuedOn: '2026-06-30',
    });
    const good = certNo();
    const repeated = certNo();
    const job = await upload(
      await workbook([
        [good, holder.ticketNo, catalog.majorCode, '2026-12-01'],
        [certNo(), '519999999999', catalog.majorCode, '2026-12-01'],
        [certNo(), holder.ticketNo, 'NOSUCH', '2026-12-01'],
        [certNo(), holder.ticketNo, catalog.majorCode, '2026-13-45'],
        [repeated, holder.ticketNo, catalog.majorCode, '2026-12-01'],
        [repeated, holder.ticketNo, catalog.majorCode, '2026-12-01'],
        [heldElsewhere, holder.ticketNo, catalog.majorCode, '2026-12-01'],
      ]),
    );
    expect(job.state).toBe('checked');
    expect(job.totalRows).toBe(7);
    expect(job.errorRows).toBe(5);
    expect(job.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, '准考证号', 'TICKET_UNKNOWN'],
      [4, '专业代码', 'MAJOR_NOT_OF_TICKET'],
      [5, '毕业日期', 'ISSUED_ON_INVALID'],
      [7, '证书编号', 'CERTIFICATE_DUPLICATE_IN_FILE'],
      [8, '证书编号', 'CERTIFICATE_OF_ANOTHER_TICKET'],
    ]);
    expect(job.errors[3]!.message).toContain('第6行');
    const refused = await province.api.post<{ code: string }>(`/api/admin/imports/certificates/${job.id}/start`, {});
    expect(refused.body.code).toBe('IMPORT_NOT_READY');
    expect(await server.db.models.Certificate.count({ where: { certificateNo: good } })).toBe(0);
  });

  it('imports a clean file, and importing it again changes nothing', async () => {
    const number = certNo();
    const rows = [[number, holder.ticketNo, catalog.majorCode, '2026-12-01']];
    const first = await importFile(await workbook(rows));
    expect(first.state).toBe('done');
    expect(first.summary).toEqual({ certificates: { created: 1, updated: 0, unchanged: 0 } });
    const again = await importFile(csv(rows));
    expect(again.summary).toEqual({ certificates: { created: 0, updated: 0, unchanged: 1 } });
    const stored = await server.db.models.Certificate.findAll({ where: { certificateNo: number } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.ticketId).toBe(holder.ticketId);
    expect(String(stored[0]!.issuedOn)).toBe('2026-12-01');
    const corrected = await importFile(csv([[number, holder.ticketNo, catalog.majorCode, '2026-12-15']]));
    expect(corrected.summary).toEqual({ certificates: { created: 0, updated: 1, unchanged: 0 } });
    const audit = await server.db.models.AuditLog.findAll({
      where: { entityType: 'certificate', entityId: stored[0]!.id },
    });
    expect(audit).toHaveLength(2);
  });

  it('template lists the columns; city offices may not import', async () => {
    const template = await province.api.bytes('/api/admin/imports/certificates/template.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...CERTIFICATE_HEADERS]);
    const city = await signedInOfficial(server, 'city', { cityId: catalog.cityId });
    const refused = await city.api.post('/api/admin/imports/certificates', await workbook([]));
    expect(refused.status).toBe(403);
  });

  describe('public lookup', () => {
    const number = certNo();
    beforeAll(async () => {
      await server.db.models.Certificate.create({
        certificateNo: number,
        candidateId: holder.candidateId,
        ticketId: holder.ticketId,
        majorId: catalog.majorId,
        issuedOn: '2026-12-01',
      });
    });
    const ask = async (body: Record<string, string>, withCaptcha = true) => {
      const api = new ApiClient(server.baseUrl);
      const captcha = withCaptcha ? await solvedCaptcha(api, server.simulator) : {};
      return api.post<Record<string, unknown>>('/api/public/certificates', { ...body, ...captcha });
    };

    it('answers the holder masked, with the major and date', async () => {
      const found = await ask({ certificateNo: number.toLowerCase(), name: '王证书' });
      expect(found.status, found.text).toBe(200);
      expect(found.body).toMatchObject({ certificateNo: number, name: '王证书', issuedOn: '2026-12-01' });
      expect(found.body.majorCode).toBe(catalog.majorCode);
      expect(found.body.idCardNoMasked).toMatch(/\*{6,}/);
      expect(found.text).not.toContain(holder.idCardNo);
      expect(found.text).not.toContain(holder.idCardNo.slice(-6));
    });

    it('a wrong name and an unknown number get the same answer', async () => {
      const wrongName = await ask({ certificateNo: number, name: '李四' });
      const unknown = await ask({ certificateNo: certNo(), name: '王证书' });
      for (const answer of [wrongName, unknown]) {
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe('CERTIFICATE_NOT_FOUND');
      }
      const { requestId: _a, ...one } = wrongName.body;
      const { requestId: _b, ...two } = unknown.body;
      expect(one).toEqual(two);
    });

    it('needs a captcha, and a wrong one is refused', async () => {
      const without = await ask({ certificateNo: number, name: '王证书' }, false);
      expect(without.status).toBe(400);
      const api = new ApiClient(server.baseUrl);
      const issued = await api.get<{ captchaId: string }>('/api/captcha');
      const wrong = await api.post<{ code: string }>('/api/public/certificates', {
        certificateNo: number,
        name: '王证书',
        captchaId: issued.body.captchaId,
        captchaAnswer: 'zzzz',
      });
      expect(wrong.body.code).toBe('CAPTCHA_INVALID');
      expect(wrong.text).not.toContain('王证书');
    });
  });
});
