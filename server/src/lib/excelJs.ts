/**
 * exceljs on first use: it is the heaviest module the server has (about 19 MB resident) and only
 * officials' imports and exports need it, so the booking rush never pays for it.
 */
export const loadExcelJs = () => import('exceljs');
