import type { Db } from '../../src/db/models';
import { IdCardVault } from '../../src/lib/idCardVault';
import { holdItem } from './holdItem';
import type { BookingCatalog } from './bookingCatalog';
import { freshIdCardNo } from './fixtures';
import { testSecrets } from './testApp';

export interface CrowdMember {
  candidateId: number;
  ticketId: number;
  bookingId: number;
}

/** `size` candidates with a ticket and an acknowledged booking for the period, inserted in bulk. */
export async function insertCrowd(db: Db, size: number, periodId: number, majorId: number): Promise<CrowdMember[]> {
  const vault = new IdCardVault(testSecrets());
  const ids = new Set<string>();
  while (ids.size < size) ids.add(freshIdCardNo());
  // Ignoring duplicates: an ID some other test already drew is skipped, and the crowd is topped up below.
  const candidates = await db.models.Candidate.bulkCreate(
    [...ids].map((idCardNo) => ({
      ...vault.seal(idCardNo),
      name: '考生',
      gender: 'M' as const,
      birthDate: '1995-01-01',
      phone: null,
      phoneBoundAt: null,
      passwordHash: null,
      wechatOpenid: null,
      photoPath: null,
    })),
    { ignoreDuplicates: true },
  );
  const fresh = await db.models.Candidate.findAll({
    where: { idCardHash: candidates.map((c) => c.idCardHash) },
    attributes: ['id', 'idCardHash'],
  });
  const taken = new Set(
    (
      await db.models.Ticket.findAll({ where: { candidateId: fresh.map((c) => c.id) }, attributes: ['candidateId'] })
    ).map((t) => t.candidateId),
  );
  const candidateIds = fresh
    .map((c) => c.id)
    .filter((id) => !taken.has(id))
    .slice(0, size);
  if (candidateIds.length < size) {
    return [
      ...(await insertCrowdOf(db, candidateIds, periodId, majorId)),
      ...(await insertCrowd(db, size - candidateIds.length, periodId, majorId)),
    ];
  }
  return insertCrowdOf(db, candidateIds, periodId, majorId);
}

/**
 * Seats of the catalog's first unit held by `count` new candidates (its first course); `countyOf(i)` picks the
 * index of the county the i-th candidate holds in.
 */
export async function holdCrowd(
  db: Db,
  catalog: BookingCatalog,
  count: number,
  countyOf: (i: number) => number,
): Promise<void> {
  const [course] = await db.models.Course.findAll({ where: { code: catalog.units[0]!.codes[0]! } });
  const crowd = await insertCrowd(db, count, catalog.periodId, catalog.majorId);
  for (const [i, member] of crowd.entries()) {
    await holdItem(db, {
      ...member,
      periodId: catalog.periodId,
      countyId: catalog.counties[countyOf(i)]!.countyId,
      unitId: catalog.units[0]!.unitId,
      courseId: course!.id,
    });
  }
}

async function insertCrowdOf(
  db: Db,
  candidateIds: number[],
  periodId: number,
  majorId: number,
): Promise<CrowdMember[]> {
  // Ticket numbers from the candidate id: unique, and never those of the fixtures (which start with 51).
  await db.models.Ticket.bulkCreate(
    candidateIds.map((candidateId) => ({
      ticketNo: `6${String(candidateId).padStart(11, '0')}`,
      candidateId,
      majorId,
    })),
  );
  await db.models.Booking.bulkCreate(
    candidateIds.map((candidateId) => ({
      candidateId,
      periodId,
      countyId: null,
      noticeAcknowledgedAt: new Date(),
      confirmedAt: null,
    })),
  );
  const tickets = await db.models.Ticket.findAll({ where: { candidateId: candidateIds } });
  const bookings = await db.models.Booking.findAll({ where: { candidateId: candidateIds, periodId } });
  return candidateIds.map((candidateId) => ({
    candidateId,
    ticketId: tickets.find((t) => t.candidateId === candidateId)!.id,
    bookingId: bookings.find((b) => b.candidateId === candidateId)!.id,
  }));
}
