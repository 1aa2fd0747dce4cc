import type { Db } from '../../src/db/models';
import { IdCardVault } from '../../src/lib/idCardVault';
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
