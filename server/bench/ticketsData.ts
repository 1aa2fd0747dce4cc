import { randomInt } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { idCardCheckChar } from '@kaowei/shared';
import type { Db } from '../src/db/models';
import type { Services } from '../src/services';
import { offerInUnitOrder, weekendUnits } from './rushData';

const COUNTIES = 4;
const UNITS = 4;
const COURSES_PER_UNIT = 10;
const ROOM_SEATS = 30;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
const PLACES = '锦江青羊金牛武侯成华龙泉驿新都温江双流郫都新津都江堰彭州邛崃崇州简阳金堂大邑蒲江';

export interface TicketBenchCandidate {
  candidateId: number;
  token: string;
  /** What the candidate types into the public lookups (bench:scores). */
  name: string;
  idCardNo: string;
}

/** A stand-in ID photo: a 300×400 colour PNG with some texture, about what a compressed 证件照 weighs. */
export function benchPhoto(): Buffer {
  const width = 300;
  const height = 400;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    rows[row] = 0;
    for (let x = 0; x < width; x++) {
      const inFace = (x - 150) ** 2 / 90 ** 2 + (y - 170) ** 2 / 120 ** 2 < 1;
      const noise = randomInt(0, 12);
      rows.set(inFace ? [225 - noise, 190 - noise, 170 - noise] : [70 + noise, 130 + noise, 200], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    // The photo store decodes uploads (sharp), which checks each chunk's CRC over its type and data.
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])));
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export type TicketsData = Awaited<ReturnType<typeof prepareTickets>>;

/**
 * A period in its print window with `size` candidates, each with a photo, a different name and 2–4 paid
 * courses seated in rooms of their county's venues: every ticket printed is a different one.
 */
export async function prepareTickets(db: Db, services: Services, size: number, photoId: string | null) {
  const m = db.models;
  const now = Date.now();
  const city = await m.City.create({ code: '980100', name: '准考证压测市' });
  const counties = await m.County.bulkCreate(
    Array.from({ length: COUNTIES }, (_, i) => ({
      cityId: city.id,
      code: `9801${i}1`,
      name: `${PLACES.slice(i * 2, i * 2 + 2)}区`,
    })),
  );
  const major = await m.Major.create({ code: 'TICKET', name: '汉语言文学', level: '本科' });
  const period = await m.ExamPeriod.create({
    code: '202704T',
    name: '2027年4月',
    bookingOpensAt: new Date(now - 30 * 86_400_000),
    bookingClosesAt: new Date(now - 20 * 86_400_000),
    paymentOpensAt: new Date(now - 30 * 86_400_000),
    paymentClosesAt: new Date(now - 20 * 86_400_000),
    refundDeadline: null,
    printOpensAt: new Date(now - 3600_000),
    printClosesAt: new Date(now + 7 * 86_400_000),
    feePerCourseFen: 3500,
    maxCourses: 4,
    bookingNotice: '须知',
  });
  const units = await m.ExamUnit.bulkCreate(weekendUnits(period.id, UNITS));
  const courseNames = [
    '中国近现代史纲要',
    '马克思主义基本原理概论',
    '英语（二）',
    '高等数学（工本）',
    '现代汉语',
    '古代汉语',
    '中国古代文学作品选（一）',
    '外国文学作品选',
    '管理学原理',
    '计算机应用基础',
  ];
  const courses = await m.Course.bulkCreate(
    Array.from({ length: UNITS * COURSES_PER_UNIT }, (_, i) => ({
      code: String(13000 + i),
      name: `${courseNames[i % courseNames.length]}${i >= courseNames.length ? `（${Math.floor(i / courseNames.length) + 1}）` : ''}`,
      credits: 4,
    })),
  );
  await offerInUnitOrder(db, period.id, units, courses, COURSES_PER_UNIT);
  const venues = await m.ExamVenue.bulkCreate(
    counties.flatMap((county, i) =>
      [1, 2].map((k) => ({
        countyId: county.id,
        name: `${PLACES.slice(i * 2, i * 2 + 2)}区第${k}中学考点`,
        address: `${PLACES.slice(i * 2, i * 2 + 2)}区${PLACES.slice(k * 3, k * 3 + 2)}路${10 + k}号`,
        contact: '028-12345678',
      })),
    ),
  );
  const roomsPerVenue = Math.ceil(size / COUNTIES / 2 / ROOM_SEATS) + 1;
  const rooms = await m.ExamRoom.bulkCreate(
    venues.flatMap((venue) =>
      Array.from({ length: roomsPerVenue }, (_, r) => ({
        venueId: venue.id,
        roomNo: r + 1,
        seats: ROOM_SEATS,
        note: null,
      })),
    ),
  );

  const chunk = 500;
  const candidates: TicketBenchCandidate[] = [];
  for (let start = 0; start < size; start += chunk) {
    const batch = Array.from({ length: Math.min(chunk, size - start) }, (_, k) => start + k);
    const people = batch.map((i) => {
      const birth = new Date(Date.UTC(1985, 0, 1) + (i % 5000) * 86_400_000).toISOString().slice(0, 10);
      const first17 = `510107${birth.replaceAll('-', '')}${String(Math.floor(i / 5000) + 700).padStart(3, '0')}`;
      const name =
        SURNAMES[i % SURNAMES.length]! +
        GIVEN[(i * 7) % GIVEN.length]! +
        (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
      return { i, idCardNo: first17 + idCardCheckChar(first17), name, birth };
    });
    const created = await m.Candidate.bulkCreate(
      people.map((p) => ({
        ...services.vault.seal(p.idCardNo),
        name: p.name,
        gender: p.i % 2 ? ('F' as const) : ('M' as const),
        birthDate: p.birth,
        phone: `139${String(p.i).padStart(8, '0')}`,
        phoneBoundAt: new Date(),
        passwordHash: 'not-used',
        mustChangePassword: false,
        wechatOpenid: null,
        photoPath: photoId,
      })),
    );
    const tickets = await m.Ticket.bulkCreate(
      created.map((c) => ({ ticketNo: `5101${String(c.id).padStart(8, '0')}`, candidateId: c.id, majorId: major.id })),
    );
    const bookings = await m.Booking.bulkCreate(
      created.map((c, k) => ({
        candidateId: c.id,
        periodId: period.id,
        countyId: counties[people[k]!.i % COUNTIES]!.id,
        noticeAcknowledgedAt: new Date(),
        confirmedAt: new Date(),
      })),
    );
    const items = await m.BookingItem.bulkCreate(
      created.flatMap((c, k) => {
        const chosen = [0, 1, 2, 3].filter((u) => u === 0 || randomInt(0, 4) > 0);
        return chosen.map((u) => ({
          bookingId: bookings[k]!.id,
          candidateId: c.id,
          ticketId: tickets[k]!.id,
          periodId: period.id,
          countyId: bookings[k]!.countyId!,
          unitId: units[u]!.id,
          courseId: courses[u * COURSES_PER_UNIT + randomInt(0, COURSES_PER_UNIT)]!.id,
          state: 'paid' as const,
          paymentOrderId: null,
          heldAt: new Date(),
          confirmedAt: new Date(),
          paidAt: new Date(),
          releasedAt: null,
        }));
      }),
    );
    // Seats: each candidate sits in one room of a venue of their county, the same seat in every unit.
    const order = new Map(created.map((c, k) => [c.id, people[k]!.i]));
    await m.SeatAssignment.bulkCreate(
      items.map((item) => {
        const i = order.get(item.candidateId)!;
        const slot = Math.floor(i / COUNTIES);
        const countyIndex = i % COUNTIES;
        const venueIndex = countyIndex * 2 + (slot % 2);
        const roomIndex = Math.floor(slot / 2 / ROOM_SEATS);
        return {
          bookingItemId: item.id,
          periodId: period.id,
          countyId: item.countyId,
          unitId: item.unitId,
          candidateId: item.candidateId,
          courseId: item.courseId,
          venueId: venues[venueIndex]!.id,
          roomId: rooms[venueIndex * roomsPerVenue + roomIndex]!.id,
          seatNo: (Math.floor(slot / 2) % ROOM_SEATS) + 1,
        };
      }),
    );
    for (const [k, c] of created.entries()) {
      candidates.push({
        candidateId: c.id,
        token: services.tokens.sign('candidate-access', { sub: String(c.id), ver: 0, tk: tickets[k]!.id }),
        name: people[k]!.name,
        idCardNo: people[k]!.idCardNo,
      });
    }
  }
  return { periodId: period.id, candidates };
}
