/** Field validators used identically by the server, the mini-program and the admin. */

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CARD_CHECK_CHARS = '10X98765432';
/** First two digits of valid resident ID numbers (province-level divisions, GB/T 2260). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);
const RESIDENCE_PERMIT_PREFIXES = new Set([81, 82, 83]);

export type IdCardCheck =
  { ok: true; idCardNo: string; birthDate: string; gender: 'M' | 'F' } | { ok: false; reason: string };

/** The GB 11643 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_CARD_WEIGHTS[i]!;
  return ID_CARD_CHECK_CHARS[sum % 11]!;
}

/**
 * Checks an 18-character resident ID number: region, birth date (a real date, not in the
 * future, not before 1900) and the GB 11643 checksum. A lowercase x is accepted and normalised.
 */
export function checkIdCardNo(input: string, today: Date = new Date()): IdCardCheck {
  return checkGb11643No(input, today, (prefix) => (PROVINCE_CODES.has(prefix) ? null : '地区码无效'));
}

/** 港澳台居民居住证: built like a resident ID number, with 81 (Hong Kong), 82 (Macao) or 83 (Taiwan) in place of the region. */
export function checkResidencePermitNo(input: string, today: Date = new Date()): IdCardCheck {
  return checkGb11643No(input, today, (prefix) =>
    RESIDENCE_PERMIT_PREFIXES.has(prefix) ? null : '应以81（香港）、82（澳门）或83（台湾）开头',
  );
}

function checkGb11643No(input: string, today: Date, prefixProblem: (prefix: number) => string | null): IdCardCheck {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: '应为18位，最后一位可以是数字或X' };
  const badPrefix = prefixProblem(Number(value.slice(0, 2)));
  if (badPrefix) return { ok: false, reason: badPrefix };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const isRealDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!isRealDate || year < 1900 || birth.getTime() > today.getTime()) {
    return { ok: false, reason: '出生日期无效' };
  }
  if (idCardCheckChar(value) !== value[17]) return { ok: false, reason: '校验位不正确' };
  const gender = Number(value[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, idCardNo: value, birthDate: idCardBirthDate(value), gender };
}

/** The birth date (YYYY-MM-DD) an 18-character ID number carries in characters 7–14. */
export function idCardBirthDate(idCardNo: string): string {
  return `${idCardNo.slice(6, 10)}-${idCardNo.slice(10, 12)}-${idCardNo.slice(12, 14)}`;
}

export function isValidIdCardNo(value: string): boolean {
  return checkIdCardNo(value).ok;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isValidPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** A name as on the ID card: 2–20 Chinese characters (· between parts of minority names); outer spaces ignored. */
export function isValidChineseName(value: string): boolean {
  return /^[\u4e00-\u9fa5·]{2,20}$/.test(value.trim());
}

export function isValidCourseCode(value: string): boolean {
  return /^\d{5}$/.test(value);
}

export function isValidTicketNo(value: string): boolean {
  return /^\d{12}$/.test(value);
}

export function isValidSmsCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

/** The initial password of a migrated candidate: the last 6 characters of the ID number. */
export function idCardTail(idCardNo: string): string {
  return idCardNo.trim().toUpperCase().slice(-6);
}

/** Password rule: 8+ characters, letters and digits, not containing the document number's tail (the initial password). */
export function passwordProblem(password: string, idCardNo?: string): string | null {
  if (password.length < 8) return '至少8位';
  if (password.length > 64) return '不能超过64位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '须同时包含字母和数字';
  if (idCardNo && password.toUpperCase().includes(idCardTail(idCardNo))) {
    return '不能包含证件号码后6位';
  }
  return null;
}
