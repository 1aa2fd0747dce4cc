import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentsSettled } from '../../src/modules/admission/assignment/assignmentWorker';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { insertAssignmentWorld, insertBookedCandidate, type AssignmentWorld } from '../support/assignmentWorld';
import { makePng } from '../support/images';
import { readXlsx } from '../support/spreadsheets';
import { startTestServer, type TestServer } from '../support/testApp';

type Booked = Awaited<ReturnType<typeof insertBookedCandidate>> & { name: string };

/** The PDF's text as poppler extracts it (Chinese only through the embedded font), and its first page as PNG. */
function pdfTextAndPng(bytes: Buffer): { text: string; png: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-'));
  try {
    const file = path.join(dir, 'roster.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'p1')]);
    return { text, png: fs.readFileSync(path.join(dir, 'p1.png')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('room rosters (座次表, 签到表) and 试卷订购', () => {
  let server: TestServer;
  let province: OfficialClient;
  let world: AssignmentWorld;
  const people: Booked[] = [];
  let other: Booked;
  let late: Booked;

  async function booked(name: string, countyId: number, courses: Array<{ unit: number; course: 0 | 1 }>) {
    const person = await insertBookedCandidate(server.db, world, countyId, courses);
    await server.db.models.Candidate.update({ name }, { where: { id: person.candidateId } });
    return { ...person, name };
  }

  const seatOf = (person: Booked, unit = 0) =>
    server.db.models.SeatAssignment.findOne({
      where: { candidateId: person.candidateId, unitId: world.unitIds[unit] },
    });

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    province = await signedInOfficial(server, 'province');
    // County 0: one venue with two rooms of 3 seats; county 1: one room of 4.
    world = await insertAssignmentWorld(server.db, { units: 2, rooms: [[[3, 3]], [[4]]] });
    const [c0, c1] = world.counties;
    for (const name of ['赵一鸣', '钱二丽', '孙三强', '李四海'])
      people.push(await booked(name, c0!.id, [{ unit: 0, course: 0 }]));
    people.push(
      await booked('周五洋', c0!.id, [
        { unit: 0, course: 1 },
        { unit: 1, course: 0 },
      ]),
    );
    other = await booked('吴六县外', c1!.id, [{ unit: 0, course: 0 }]);
    // Not paid: never on a roster, never counted.
    await insertBookedCandidate(server.db, world, c0!.id, [{ unit: 0, course: 0 }], 'held');
    const run = await province.api.post('/api/admin/assignment/runs', { periodId: world.periodId });
    expect(run.status, run.text).toBe(201);
    await assignmentsSettled(server.db);
    // Paid after the run: counted as paid, not yet seated.
    late = await booked('郑七晚', c0!.id, [{ unit: 1, course: 0 }]);
  });
  afterAll(() => server.close());

  const rosterUrl = (roomId: number, kind: string, unit = 0) =>
    `/api/admin/assignment/rooms/${roomId}/roster?periodId=${world.periodId}&unitId=${world.unitIds[unit]}&kind=${kind}`;

  it('draws a room’s 座次表 with each seated candidate’s seat, name, ticket and course, and only that room', async () => {
    // The first room is filled first: three of the four candidates of course 1.
    const roomId = world.counties[0]!.roomIds[0]!;
    const inRoom: Booked[] = [];
    for (const p of [...people, other]) if ((await seatOf(p))?.roomId === roomId) inRoom.push(p);
    expect(inRoom.length).toBe(3);
    const { photoId } = await server.services.photos.save(makePng(300, 400));
    await server.db.models.Candidate.update({ photoPath: photoId }, { where: { id: inRoom[0]!.candidateId } });
    const county = await signedInOfficial(server, 'county', { countyId: world.counties[0]!.id });
    const { response, bytes } = await county.api.bytes(rosterUrl(roomId, 'seats'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('座次表'));
    const { text, png } = pdfTextAndPng(bytes);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('座次表');
    expect(flat).toContain('第1考点');
    for (const p of inRoom) {
      const seat = await seatOf(p);
      expect(flat).toContain(p.name);
      expect(flat).toContain(p.ticketNo);
      expect(flat).toContain(`${String(seat!.seatNo).padStart(2, '0')}号`);
    }
    const course = await server.db.models.Course.findByPk(world.unitCourses[0]![0]!);
    expect(flat).toContain(course!.code);
    for (const p of [...people, other].filter((x) => !inRoom.includes(x))) expect(flat).not.toContain(p.name);
    // One photo is embedded as an image; those without a photo get the placeholder box.
    expect(bytes.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(1);
    expect(flat.match(/照片/g)).toHaveLength(2);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'export.roster_seats', actorId: county.id, entityId: String(roomId) },
    });
    expect(audit?.after).toMatchObject({ kind: 'seats', periodId: world.periodId, rows: 3 });
  });

  it('draws a 签到表 with a 签名 column and ID numbers masked', async () => {
    const seat = await seatOf(people[4]!);
    const { response, bytes } = await province.api.bytes(rosterUrl(seat!.roomId, 'signin'));
    expect(response.status).toBe(200);
    const { text } = pdfTextAndPng(bytes);
    const flat = text.replace(/\s+/g, '');
    for (const heading of ['签到表', '座号', '准考证号', '姓名', '课程', '签名']) expect(flat).toContain(heading);
    const seated = [];
    for (const p of people) if ((await seatOf(p))?.roomId === seat!.roomId) seated.push(p);
    for (const p of seated) {
      expect(flat).toContain(p.name);
      expect(flat).toContain(p.ticketNo);
      expect(flat).toContain(`${p.idCardNo.slice(0, 3)}${'*'.repeat(14)}${p.idCardNo.slice(-1)}`);
      expect(flat).not.toContain(p.idCardNo);
    }
    // Unit 2's roster of the same room has only the candidate seated there in unit 2.
    const unit2 = await seatOf(people[4]!, 1);
    const second = pdfTextAndPng((await province.api.bytes(rosterUrl(unit2!.roomId, 'signin', 1))).bytes).text;
    expect(second).toContain('周五洋');
    expect(second).not.toContain('赵一鸣');
    expect(second).not.toContain('郑七晚');
  });

  it('refuses a room of another county, and an unknown room or roster kind', async () => {
    const stranger = await signedInOfficial(server, 'county', { countyId: world.counties[1]!.id });
    const roomId = world.counties[0]!.roomIds[0]!;
    const refused = await stranger.api.get<{ code: string }>(rosterUrl(roomId, 'seats'));
    expect(refused.status).toBe(403);
    const city = await signedInOfficial(server, 'city', { cityId: world.cityId });
    expect((await city.api.bytes(rosterUrl(roomId, 'signin'))).response.status).toBe(200);
    expect((await province.api.get(rosterUrl(999_999_999, 'seats'))).status).toBe(404);
    expect((await province.api.get(rosterUrl(roomId, 'poster'))).status).toBe(400);
  });

  it('counts paid candidates and seats given per county × unit × course as XLSX (试卷订购), within scope', async () => {
    const [c0, c1] = world.counties;
    const courseCode = async (unit: number, course: number) =>
      (await server.db.models.Course.findByPk(world.unitCourses[unit]![course]!))!.code;
    const { response, bytes } = await province.api.bytes(`/api/admin/exports/papers.xlsx?periodId=${world.periodId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('试卷订购'));
    const rows = await readXlsx(bytes);
    expect(rows[0]).toEqual(['县（市、区）', '考试单元', '课程代码', '课程名称', '已缴费人数', '已编排座位']);
    const counts = rows.slice(1, -1).map((r) => [r[0], r[2], r[4], r[5]]);
    expect(counts).toHaveLength(4);
    expect(counts).toEqual(
      expect.arrayContaining([
        [c0!.name, await courseCode(0, 0), 4, 4],
        [c0!.name, await courseCode(0, 1), 1, 1],
        [c0!.name, await courseCode(1, 0), 2, 1],
        [c1!.name, await courseCode(0, 0), 1, 1],
      ]),
    );
    const total = rows.at(-1)!;
    expect([total[0], total[4], total[5]]).toEqual(['合计', 8, 7]);
    expect(String(rows[1]![1])).toMatch(/4月1\d日/);

    const county1 = await signedInOfficial(server, 'county', { countyId: c1!.id });
    const own = await readXlsx(
      (await county1.api.bytes(`/api/admin/exports/papers.xlsx?periodId=${world.periodId}`)).bytes,
    );
    expect(own.slice(1).map((r) => [r[0], r[4]])).toEqual([
      [c1!.name, 1],
      ['合计', 1],
    ]);
    const foreign = await county1.api.get(
      `/api/admin/exports/papers.xlsx?periodId=${world.periodId}&countyId=${c0!.id}`,
    );
    expect(foreign.status).toBe(403);
    const audit = await server.db.models.AuditLog.findOne({ where: { action: 'export.papers', actorId: county1.id } });
    expect(audit?.after).toMatchObject({ what: 'papers', rows: 1 });
    expect(late.name).toBe('郑七晚');
  });
});
