/**
 * Masking of personal data for responses, logs and exports. A document number's last 6 characters are a
 * migrated candidate's initial password, so at most the final one of them is shown: up to 3 leading
 * characters before them, and the final character once the number has 8 or more. Shorter numbers are all stars.
 */
export function maskDocumentNo(documentNo: string): string {
  if (documentNo.length < 8) return '*'.repeat(documentNo.length);
  const head = Math.min(3, documentNo.length - 6);
  return `${documentNo.slice(0, head)}${'*'.repeat(documentNo.length - head - 1)}${documentNo.slice(-1)}`;
}

/** Resident ID numbers are masked like every other document number. */
export function maskIdCardNo(idCardNo: string): string {
  return maskDocumentNo(idCardNo);
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
/** 港澳居民来往内地通行证 numbers; 8-digit Taiwan permits and passports cannot be told from other text, so mask them before logging. */
const HK_MACAO_PERMIT_IN_TEXT = /(?<![\dA-Za-z])[HMhm](\d{10}|\d{8})(?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/**
 * Masks every ID number (residence permits included), 港澳 permit number and mobile number that appears inside
 * free text (log lines, errors).
 */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(ID_CARD_IN_TEXT, (whole) => maskDocumentNo(whole))
    .replace(HK_MACAO_PERMIT_IN_TEXT, (whole) => maskDocumentNo(whole))
    .replace(PHONE_IN_TEXT, (_whole, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}
