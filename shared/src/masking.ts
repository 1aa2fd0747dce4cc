/**
 * Masking of personal data for responses, logs and exports. The ID mask keeps only 3 + 1
 * characters: the last 6 are a migrated candidate's initial password, so they are never shown.
 */
export function maskIdCardNo(idCardNo: string): string {
  if (idCardNo.length < 8) return '*'.repeat(idCardNo.length);
  return `${idCardNo.slice(0, 3)}${'*'.repeat(idCardNo.length - 4)}${idCardNo.slice(-1)}`;
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskTicketNo(ticketNo: string): string {
  if (ticketNo.length < 8) return '*'.repeat(ticketNo.length);
  return `${ticketNo.slice(0, 4)}****${ticketNo.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

const ID_CARD_IN_TEXT = /(?<![\dA-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Masks every ID number and mobile number that appears inside free text (log lines, errors). */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(ID_CARD_IN_TEXT, (whole) => maskIdCardNo(whole))
    .replace(PHONE_IN_TEXT, (_whole, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}
