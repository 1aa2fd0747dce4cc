/** The small-sheet reader lives in lib/ so modules other than admin (venues) can read imports too. */
export { readSheet, SHEET_MAX_BYTES, type SheetRow } from '../../../lib/readSheet';
