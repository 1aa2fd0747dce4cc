import type { AnnouncementDetail, AnnouncementSummary } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { AppError } from '../../http/errors';
import type { Candidate } from '../accounts/models';
import {
  placeOfCounty,
  publishedAnnouncement,
  publishedAnnouncements,
  type ReaderPlace,
} from './announcementRepository';
import { announcementDetail, announcementSummary } from './announcementViews';

const NOWHERE: ReaderPlace = { countyId: null, cityId: null };

/** A signed-in candidate, or a visitor who may have chosen a county. */
export interface Reader {
  candidate?: Pick<Candidate, 'countyId'>;
  countyId?: number;
}

/**
 * Where a reader stands: a signed-in candidate in their county; a visitor in the county they chose, if any.
 * Otherwise only province-wide announcements reach them.
 */
async function readerPlace(db: Db, reader: Reader): Promise<ReaderPlace> {
  const countyId = reader.candidate ? reader.candidate.countyId : (reader.countyId ?? null);
  if (countyId === null) return NOWHERE;
  return (await placeOfCounty(db, countyId)) ?? NOWHERE;
}

/** 通知公告: published and not withdrawn, for the province, the reader's city and county; their county's first. */
export async function listAnnouncements(db: Db, reader: Reader, now = new Date()): Promise<AnnouncementSummary[]> {
  const place = await readerPlace(db, reader);
  const rows = await publishedAnnouncements(db, place, now);
  return rows.map((row) => announcementSummary(row, place.countyId));
}

/** One announcement the reader may see; before its publish time, withdrawn or another county's: 不存在. */
export async function readAnnouncement(
  db: Db,
  reader: Reader,
  id: number,
  now = new Date(),
): Promise<AnnouncementDetail> {
  const place = await readerPlace(db, reader);
  const row = await publishedAnnouncement(db, place, id, now);
  if (!row) throw new AppError('NOT_FOUND', { what: '通知公告' });
  return announcementDetail(row, place.countyId);
}
