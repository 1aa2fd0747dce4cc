import { VENUE_IMPORT_HEADERS, type VenueImportAnswer, type VenueListAnswer, type VenueView } from '@kaowei/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInOfficial, type OfficialClient } from './support/adminSession';
import { insertCandidateWithTicket, insertCatalog, type CatalogFixture } from './support/fixtures';
import { readXlsx } from './support/spreadsheets';
import { startTestServer, type TestServer } from './support/testApp';

const csv = (text: string, name = '考点.csv') => {
  const form = new FormData();
  form.append('file', new Blob([`\uFEFF${text}`]), name);
  return form;
};
const HEADER = '县区代码,考点名称,考点地址,联系人/电话,考场号,座位数,备注';

describe('考点考场: venues and rooms', () => {
  let server: TestServer;
  let here: CatalogFixture;
  let there: CatalogFixture;
  let county: OfficialClient;
  let otherCounty: OfficialClient;
  let city: OfficialClient;
  let province: OfficialClient;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    here = await insertCatalog(server.db, { capacity: 45 });
    there = await insertCatalog(server.db, { capacity: 5 });
    county = await signedInOfficial(server, 'county', { countyId: here.countyId });
    otherCounty = await signedInOfficial(server, 'county', { countyId: there.countyId });
    city = await signedInOfficial(server, 'city', { cityId: here.cityId });
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  const lastAudit = (action: string, entityId?: number) =>
    server.db.models.AuditLog.findOne({
      where: { action, ...(entityId ? { entityId: String(entityId) } : {}) },
      order: [['id', 'DESC']],
    });
  const list = (client: OfficialClient, query = '') =>
    client.api.get<VenueListAnswer>(`/api/admin/venues?periodId=${here.periodId}${query}`);

  /** A paid booking item of the county seated in the room (as the assignment would write it). */
  async function seatSomeone(venue: VenueView, seatNo: number) {
    const m = server.db.models;
    const person = await insertCandidateWithTicket(server.db, 'seated');
    const booking = await m.Booking.create({
      candidateId: person.candidateId,
      periodId: here.periodId,
      countyId: here.countyId,
      noticeAcknowledgedAt: new Date(),
      confirmedAt: new Date(),
    });
    const item = await m.BookingItem.create({
      bookingId: booking.id,
      candidateId: person.candidateId,
      ticketId: person.ticketId,
      periodId: here.periodId,
      countyId: here.countyId,
      unitId: here.unitId,
      courseId: here.courseIds[0]!,
      state: 'paid',
      paymentOrderId: null,
      heldAt: new Date(),
      confirmedAt: new Date(),
      paidAt: new Date(),
    });
    return m.SeatAssignment.create({
      bookingItemId: item.id,
      periodId: here.periodId,
      countyId: here.countyId,
      unitId: here.unitId,
      candidateId: person.candidateId,
      courseId: here.courseIds[0]!,
      venueId: venue.id,
      roomId: venue.rooms[0]!.id,
      seatNo,
    });
  }

  it('lets a county office keep its venue and rooms, audited, and refuses other counties on that venue', async () => {
    const created = await county.api.post<VenueView>('/api/admin/venues', {
      countyId: here.countyId,
      name: '第一中学考点',
      address: '学府路1号',
      contact: '张老师 028-85550000',
    });
    expect(created.status, created.text).toBe(200);
    const id = created.body.id;
    expect((await lastAudit('venue.create', id))!.after).toMatchObject({ name: '第一中学考点', address: '学府路1号' });

    const same = await county.api.post('/api/admin/venues', {
      countyId: here.countyId,
      name: '第一中学考点',
      address: '另一处',
    });
    expect(same.body).toMatchObject({ code: 'VENUE_NAME_TAKEN', message: '本县区已有名为“第一中学考点”的考点' });
    const elsewhere = await county.api.post('/api/admin/venues', {
      countyId: there.countyId,
      name: '越权考点',
      address: '某路',
    });
    expect(elsewhere.status).toBe(403);

    const room = await county.api.post<VenueView>(`/api/admin/venues/${id}/rooms`, {
      roomNo: 1,
      seats: 30,
      note: '1楼',
    });
    expect(room.body.rooms).toEqual([expect.objectContaining({ roomNo: 1, seats: 30, note: '1楼', assigned: 0 })]);
    const twice = await county.api.post(`/api/admin/venues/${id}/rooms`, { roomNo: 1, seats: 20 });
    expect(twice.body).toMatchObject({ code: 'ROOM_NO_TAKEN', message: '该考点已有1号考场' });
    const roomId = room.body.rooms[0]!.id;
    const edited = await county.api.put<VenueView>(`/api/admin/venues/${id}/rooms/${roomId}`, {
      roomNo: 1,
      seats: 32,
      note: '1楼东',
    });
    expect(edited.body.totalSeats).toBe(32);
    const roomAudit = await lastAudit('venue.room.update', roomId);
    expect(roomAudit!.before).toEqual({ roomNo: 1, seats: 30, note: '1楼' });
    expect(roomAudit!.after).toEqual({ seats: 32, note: '1楼东' });
    expect(roomAudit!.countyId).toBe(here.countyId);

    const renamed = await county.api.put<VenueView>(`/api/admin/venues/${id}`, {
      name: '第一中学考点',
      address: '学府路2号',
      contact: null,
    });
    expect(renamed.body).toMatchObject({ address: '学府路2号', contact: null });
    const venueAudit = await lastAudit('venue.update', id);
    expect(venueAudit!.before).toEqual({ address: '学府路1号', contact: '张老师 028-85550000' });
    expect(venueAudit!.after).toEqual({ address: '学府路2号', contact: null });

    // Another county's office: refused on this specific venue and room, and does not see it listed.
    const refusals = [
      await otherCounty.api.put(`/api/admin/venues/${id}`, { name: '改名', address: '某路' }),
      await otherCounty.api.post(`/api/admin/venues/${id}/rooms`, { roomNo: 9, seats: 10 }),
      await otherCounty.api.put(`/api/admin/venues/${id}/rooms/${roomId}`, { roomNo: 1, seats: 1 }),
      await otherCounty.api.request('DELETE', `/api/admin/venues/${id}/rooms/${roomId}`),
      await otherCounty.api.request('DELETE', `/api/admin/venues/${id}`),
      await otherCounty.api.post(`/api/admin/venues/${id}/closures`, { unitId: here.unitId }),
      await otherCounty.api.get(`/api/admin/venues?countyId=${here.countyId}`),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect((await list(otherCounty)).body.venues.map((v) => v.id)).not.toContain(id);
    expect((await county.api.put('/api/admin/venues/999999999', { name: 'x', address: 'y' })).status).toBe(404);

    // The city office of the county, and the province, see and edit it.
    const cityView = await list(city, `&countyId=${here.countyId}`);
    expect(cityView.body.venues.find((v) => v.id === id)).toMatchObject({
      totalSeats: 32,
      countyCode: here.countyCode,
    });
    expect(cityView.body.counties).toEqual([
      expect.objectContaining({ countyId: here.countyId, seats: 32, largestQuota: 45, surplus: -13 }),
    ]);
    const overview = await list(province);
    expect(overview.body.venues).toEqual([]);
    expect(overview.body.counties.find((c) => c.countyId === here.countyId)).toMatchObject({ venues: 1, seats: 32 });
    const byCity = await city.api.post<VenueView>(`/api/admin/venues/${id}/rooms`, { roomNo: 2, seats: 20 });
    expect(byCity.body.totalSeats).toBe(52);
    expect((await city.api.get(`/api/admin/venues?countyId=${there.countyId}`)).status).toBe(403);
    const byProvince = await province.api.request<VenueView>(
      'DELETE',
      `/api/admin/venues/${id}/rooms/${byCity.body.rooms[1]!.id}`,
    );
    expect(byProvince.body.rooms.map((r) => r.roomNo)).toEqual([1]);
    expect((await lastAudit('venue.room.delete'))!.before).toMatchObject({ venueId: id, roomNo: 2, seats: 20 });
  });

  it('closes a venue for a unit and opens it again, each change audited once', async () => {
    const venue = (
      await county.api.post<VenueView>('/api/admin/venues', {
        countyId: here.countyId,
        name: '实验小学考点',
        address: '东街5号',
      })
    ).body;
    const closed = await county.api.post<VenueView>(`/api/admin/venues/${venue.id}/closures`, { unitId: here.unitId });
    expect(closed.body.closures).toEqual([
      expect.objectContaining({ unitId: here.unitId, unitCode: 'U1', examDate: '2027-04-10' }),
    ]);
    await county.api.post(`/api/admin/venues/${venue.id}/closures`, { unitId: here.unitId });
    expect(
      await server.db.models.AuditLog.count({ where: { action: 'venue.close', entityId: String(venue.id) } }),
    ).toBe(1);
    expect((await list(county)).body.venues.find((v) => v.id === venue.id)!.closures).toHaveLength(1);

    const reopened = await county.api.request<VenueView>(
      'DELETE',
      `/api/admin/venues/${venue.id}/closures/${here.unitId}`,
    );
    expect(reopened.body.closures).toEqual([]);
    expect((await lastAudit('venue.reopen', venue.id))!.after).toMatchObject({ unitId: here.unitId, closed: false });
    const noUnit = await county.api.post(`/api/admin/venues/${venue.id}/closures`, { unitId: 999999999 });
    expect(noUnit.status).toBe(404);
  });

  it('refuses deleting a room or venue with seat assignments, and shrinking a room below a seat taken', async () => {
    const venue = (
      await county.api.post<VenueView>('/api/admin/venues', {
        countyId: here.countyId,
        name: '第二中学考点',
        address: '南路8号',
      })
    ).body;
    const withRoom = (await county.api.post<VenueView>(`/api/admin/venues/${venue.id}/rooms`, { roomNo: 3, seats: 30 }))
      .body;
    await seatSomeone(withRoom, 25);
    const roomId = withRoom.rooms[0]!.id;

    const room = await county.api.request('DELETE', `/api/admin/venues/${venue.id}/rooms/${roomId}`);
    expect(room.status).toBe(409);
    expect(room.body).toMatchObject({
      code: 'ROOM_HAS_ASSIGNMENTS',
      message: '3号考场已编排1个座位，不能删除；请先调整考场编排',
    });
    const whole = await province.api.request('DELETE', `/api/admin/venues/${venue.id}`);
    expect(whole.body).toMatchObject({
      code: 'VENUE_HAS_ASSIGNMENTS',
      message: '考点“第二中学考点”已编排1个座位，不能删除；请先调整考场编排',
    });
    const shrink = await county.api.put(`/api/admin/venues/${venue.id}/rooms/${roomId}`, { roomNo: 3, seats: 20 });
    expect(shrink.body).toMatchObject({ code: 'ROOM_SEATS_BELOW_ASSIGNED' });
    expect((await list(county)).body.venues.find((v) => v.id === venue.id)!.rooms[0]).toMatchObject({
      seats: 30,
      assigned: 1,
    });

    // A venue without assignments goes with its rooms and closures; the audit keeps what it was.
    const empty = (
      await county.api.post<VenueView>('/api/admin/venues', {
        countyId: here.countyId,
        name: '待删考点',
        address: '北路1号',
      })
    ).body;
    await county.api.post(`/api/admin/venues/${empty.id}/rooms`, { roomNo: 1, seats: 10 });
    await county.api.post(`/api/admin/venues/${empty.id}/closures`, { unitId: here.unitId });
    expect((await county.api.request('DELETE', `/api/admin/venues/${empty.id}`)).status).toBe(200);
    expect(await server.db.models.ExamVenue.findByPk(empty.id)).toBeNull();
    expect((await lastAudit('venue.delete', empty.id))!.before).toMatchObject({
      name: '待删考点',
      rooms: [{ roomNo: 1, seats: 10, note: null }],
    });
  });

  it('imports venues and rooms: a dry run lists bad rows, another county is a row error, re-import changes nothing', async () => {
    const c = here.countyCode;
    const file = [
      HEADER,
      `${c},新华中学考点,新华路1号,李老师,1,30,1楼`,
      `${c},新华中学考点,新华路1号,李老师,2,30,1楼`,
      `${c},新华中学考点,新华路1号,李老师,2,25,`,
      `${there.countyCode},别县考点,别处,,1,30,`,
      `${c},,新华路1号,,3,30,`,
      `${c},新华中学考点,新华路9号,李老师,4,30,`,
      `${c},新华中学考点,新华路1号,李老师,5,0,`,
      `999999,某考点,某路,,1,30,`,
      `${c},育才小学考点,育才路2号,,1,40,`,
    ].join('\n');
    const dry = await county.api.post<VenueImportAnswer>('/api/admin/venues/import?dryRun=1', csv(file));
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 9, valid: 3, venuesCreated: 2, roomsCreated: 3 });
    expect(dry.body.errors).toEqual([
      { row: 4, column: '考场号', message: '考点“新华中学考点”的2号考场与第3行重复' },
      { row: 5, column: '县区代码', message: `县区代码“${there.countyCode}”不在本辖区，不能导入` },
      { row: 6, column: '考点名称', message: '请填写考点名称' },
      { row: 7, column: '考点地址', message: '考点“新华中学考点”的地址或联系人与第2行不一致' },
      { row: 8, column: '座位数', message: '座位数“0”不正确，须为1至200的整数' },
      { row: 9, column: '县区代码', message: '县区代码“999999”不存在' },
    ]);
    expect(await server.db.models.ExamVenue.count({ where: { name: '新华中学考点' } })).toBe(0);

    const done = await county.api.post<VenueImportAnswer>('/api/admin/venues/import?dryRun=0', csv(file));
    expect(done.body).toMatchObject({ dryRun: false, venuesCreated: 2, roomsCreated: 3, unchanged: 0 });
    const imported = (await list(county)).body.venues.find((v) => v.name === '新华中学考点')!;
    expect(imported).toMatchObject({ address: '新华路1号', contact: '李老师', totalSeats: 60 });
    const audit = await lastAudit('venue.import');
    expect(audit!.countyId).toBe(here.countyId);
    expect(audit!.after).toMatchObject({ file: '考点.csv', '新华中学考点/2号考场': { roomNo: 2, seats: 30 } });

    const again = await county.api.post<VenueImportAnswer>('/api/admin/venues/import?dryRun=0', csv(file));
    expect(again.body).toMatchObject({
      venuesCreated: 0,
      venuesUpdated: 0,
      roomsCreated: 0,
      roomsUpdated: 0,
      unchanged: 3,
    });
    expect(await server.db.models.ExamVenue.count({ where: { countyId: here.countyId, name: '新华中学考点' } })).toBe(
      1,
    );

    const changed = await county.api.post<VenueImportAnswer>(
      '/api/admin/venues/import?dryRun=0',
      csv([HEADER, `${c},新华中学考点,新华路1号,王老师,2,35,2楼`].join('\n')),
    );
    expect(changed.body).toMatchObject({ venuesUpdated: 1, roomsUpdated: 1, roomsCreated: 0 });
    const after = (await list(county)).body.venues.find((v) => v.name === '新华中学考点')!;
    expect(after).toMatchObject({ contact: '王老师', totalSeats: 65 });
    expect((await lastAudit('venue.import'))!.before).toEqual({
      新华中学考点: { contact: '李老师' },
      '新华中学考点/2号考场': { seats: 30, note: '1楼' },
    });

    const header = await county.api.post('/api/admin/venues/import?dryRun=1', csv('考点名称,座位数\n'));
    expect(header.body.message).toContain('缺少“县区代码”“考点地址”“考场号”');
  });

  it('keeps a venue name once per county when the screen and two imports race', async () => {
    const name = `并发考点${Date.now()}`;
    const file = () =>
      csv(
        [HEADER, `${here.countyCode},${name},并发路1号,,1,30,`, `${here.countyCode},${name},并发路1号,,2,30,`].join(
          '\n',
        ),
      );
    const answers = await Promise.all([
      county.api.post<VenueImportAnswer>('/api/admin/venues/import?dryRun=0', file()),
      city.api.post<VenueImportAnswer>('/api/admin/venues/import?dryRun=0', file()),
      province.api.post<VenueView>('/api/admin/venues', { countyId: here.countyId, name, address: '并发路1号' }),
    ]);
    expect(answers.map((a) => a.status)).toContain(200);
    expect(await server.db.models.ExamVenue.count({ where: { countyId: here.countyId, name } })).toBe(1);
    const venue = (await list(county)).body.venues.find((v) => v.name === name)!;
    expect(venue.rooms.map((r) => r.roomNo)).toEqual([1, 2]);
    const [first, second] = answers as [{ body: VenueImportAnswer }, { body: VenueImportAnswer }, unknown];
    expect(first.body.venuesCreated + second.body.venuesCreated).toBeLessThanOrEqual(1);
  });

  it('imports an Excel file whose codes and numbers are numeric cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('考点考场');
    sheet.addRow([...VENUE_IMPORT_HEADERS]);
    sheet.addRow([Number(here.countyCode), '表格考点', '表格路1号', '赵老师', 1, 28, '3楼']);
    sheet.addRow([Number(here.countyCode), '表格考点', '表格路1号', '赵老师', 2, 28.5, '']);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(await workbook.xlsx.writeBuffer())]), '考点考场.xlsx');
    const answer = await county.api.post<VenueImportAnswer>('/api/admin/venues/import?dryRun=0', form);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ venuesCreated: 1, roomsCreated: 1 });
    expect(answer.body.errors).toEqual([{ row: 3, column: '座位数', message: '座位数“28.5”不正确，须为1至200的整数' }]);
    const venue = (await list(county)).body.venues.find((v) => v.name === '表格考点')!;
    expect(venue.rooms).toEqual([expect.objectContaining({ roomNo: 1, seats: 28, note: '3楼' })]);
  });

  it('serves the import template with its header row', async () => {
    const { response, bytes } = await county.api.bytes('/api/admin/venues/import-template');
    expect(response.status).toBe(200);
    const rows = await readXlsx(bytes);
    expect(rows[0]).toEqual(['县区代码', '考点名称', '考点地址', '联系人/电话', '考场号', '座位数', '备注']);
  });
});
