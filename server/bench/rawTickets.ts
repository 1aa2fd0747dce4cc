import mysql from 'mysql2/promise';
import { renderTicketPdf } from '../src/modules/admission/ticket/renderTicketPdf';
import {
  DEFAULT_EXAM_RULES,
  examView,
  ticketTitle,
  type TicketContent,
} from '../src/modules/admission/ticket/ticketContent';
import type { PaidExamRow } from '../src/modules/admission/ticket/ticketRepository';
import type { Services } from '../src/services';
import type { TicketBenchCandidate } from './ticketsData';

/**
 * Everything one ticket prints, in one statement: the candidate (token version for the auth check),
 * the period (print window, name, rules) and each paid item with its ticket, unit, course and the
 * seat assigned to it (venue, room). One row per paid course, in the order the ticket lists them.
 */
const TICKET_ROWS = `
  SELECT ca.token_version, ca.name, ca.gender, ca.id_card_cipher, ca.photo_path,
         p.name AS period_name, p.exam_rules, p.print_opens_at, p.print_closes_at,
         i.id AS booking_item_id, i.period_id, i.county_id, t.ticket_no, u.id AS unit_id,
         u.exam_date, u.half_day, u.start_time, u.end_time,
         c.code AS course_code, c.name AS course_name,
         v.name AS venue_name, v.address AS venue_address, r.room_no, s.seat_no
    FROM candidates ca
    JOIN exam_periods p ON p.id = ?
    JOIN booking_items i ON i.candidate_id = ca.id AND i.period_id = p.id AND i.state = 'paid'
    JOIN tickets t ON t.id = i.ticket_id
    JOIN exam_units u ON u.id = i.unit_id
    JOIN courses c ON c.id = i.course_id
    LEFT JOIN seat_assignments s ON s.booking_item_id = i.id
    LEFT JOIN exam_venues v ON v.id = s.venue_id
    LEFT JOIN exam_rooms r ON r.id = s.room_id
   WHERE ca.id = ?
   ORDER BY u.exam_date, u.start_time, c.code`;

type TicketRow = PaidExamRow & mysql.RowDataPacket;

/**
 * bench:tickets' fair comparator: the business work of one ticket download done the plainest way, in
 * the bench process. The access token is verified, one mysql2 query reads the ticket's data, the ID
 * number is decrypted, the photo read from disk and the QR token signed, then the server's own pure
 * layout (renderTicketPdf: pdfkit, the same font file) draws it. No HTTP, no Sequelize, no PDF cache:
 * `ratio` says what those layers cost.
 */
export class RawTickets {
  private constructor(
    private readonly pool: mysql.Pool,
    private readonly periodId: number,
    private readonly services: Pick<Services, 'tokens' | 'vault' | 'photos'>,
  ) {}

  /** A pool of `poolSize` connections, all open before the first ticket, as the server's is. */
  static async open(
    databaseUrl: string,
    periodId: number,
    options: { poolSize: number; services: Pick<Services, 'tokens' | 'vault' | 'photos'> },
  ): Promise<RawTickets> {
    // DATE columns as 'YYYY-MM-DD' strings, as Sequelize hands them to the server's ticket code.
    const pool = mysql.createPool({
      uri: databaseUrl,
      connectionLimit: options.poolSize,
      timezone: 'Z',
      dateStrings: ['DATE'],
    });
    const opened = await Promise.all(Array.from({ length: options.poolSize }, () => pool.getConnection()));
    for (const conn of opened) conn.release();
    return new RawTickets(pool, periodId, options.services);
  }

  /** One ticket's PDF; anything the server would refuse rejects. */
  async render(candidate: TicketBenchCandidate): Promise<Buffer> {
    const claims = this.services.tokens.verify('candidate-access', candidate.token);
    const candidateId = Number(claims.sub);
    const [rows] = await this.pool.query<TicketRow[]>(TICKET_ROWS, [this.periodId, candidateId]);
    const first = rows[0];
    if (!first || first.token_version !== claims.ver) throw new Error('no paid course, or token expired');
    const now = new Date();
    if (!first.print_opens_at || now < first.print_opens_at || now >= first.print_closes_at) {
      throw new Error('print window closed');
    }
    const content: TicketContent = {
      title: ticketTitle(first.period_name as string),
      name: first.name as string,
      gender: first.gender as 'M' | 'F',
      documentNo: this.services.vault.decrypt(first.id_card_cipher as string),
      ticketNo: [...new Set(rows.map((r) => r.ticket_no))].join('、'),
      photoId: first.photo_path as string | null,
      exams: rows.map(examView),
      rules: (first.exam_rules as string | null)?.trim() || DEFAULT_EXAM_RULES,
      candidateId,
      periodId: this.periodId,
      // The comparator prints tickets never reissued (补发).
      version: 0,
    };
    const photo = content.photoId
      ? await this.services.photos.read(content.photoId).then(
          (p) => p.bytes,
          () => null,
        )
      : null;
    const qrToken = this.services.tokens.sign('ticket-verify', { sub: `${candidateId}:${this.periodId}` });
    return renderTicketPdf({ content, photo, qrToken });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
