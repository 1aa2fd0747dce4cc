import { describe, expect, it } from 'vitest';
import {
  checkIdCardNo,
  isValidChineseName,
  isValidCourseCode,
  isValidIdCardNo,
  isValidPhone,
  isValidTicketNo,
  passwordProblem,
} from './validators';

const TODAY = new Date('2026-11-22T00:00:00Z');

describe('checkIdCardNo', () => {
  it('accepts the worked examples of GB 11643-1999', () => {
    expect(checkIdCardNo('11010519491231002X', TODAY)).toEqual({
      ok: true,
      idCardNo: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'F',
    });
    expect(checkIdCardNo('110101199003070011', TODAY)).toMatchObject({
      ok: true,
      gender: 'M',
      birthDate: '1990-03-07',
    });
  });

  it('normalises a lowercase x and surrounding spaces', () => {
    expect(checkIdCardNo(' 11010519491231002x ', TODAY)).toMatchObject({ ok: true, idCardNo: '11010519491231002X' });
  });

  it('refuses a wrong check character', () => {
    expect(checkIdCardNo('110105194912310021', TODAY)).toEqual({ ok: false, reason: '校验位不正确' });
  });

  it('refuses impossible or future birth dates even when the checksum fits', () => {
    // 1990-02-30 does not exist; the check character was computed for these 17 digits.
    expect(checkIdCardNo('510104199002300018', TODAY)).toEqual({ ok: false, reason: '出生日期无效' });
    expect(checkIdCardNo('510104203001010018', TODAY)).toEqual({ ok: false, reason: '出生日期无效' });
    // The standard's own 1880 example is a valid number, but no candidate is born before 1900.
    expect(checkIdCardNo('440524188001010014', TODAY)).toEqual({ ok: false, reason: '出生日期无效' });
  });

  it('refuses wrong lengths, letters and unknown regions', () => {
    expect(isValidIdCardNo('51010419900101001')).toBe(false);
    expect(isValidIdCardNo('5101041990010100123')).toBe(false);
    expect(isValidIdCardNo('51010419900101A012')).toBe(false);
    expect(checkIdCardNo('990105194912310026', TODAY)).toEqual({ ok: false, reason: '地区码无效' });
  });
});

describe('simple formats', () => {
  it('phone numbers are 11 digits starting 13–19', () => {
    expect(isValidPhone('13812345678')).toBe(true);
    expect(isValidPhone('19912345678')).toBe(true);
    expect(isValidPhone('12812345678')).toBe(false);
    expect(isValidPhone('1381234567')).toBe(false);
    expect(isValidPhone('+8613812345678')).toBe(false);
  });

  it('course codes are exactly 5 digits', () => {
    expect(isValidCourseCode('00015')).toBe(true);
    expect(isValidCourseCode('0015')).toBe(false);
    expect(isValidCourseCode('000150')).toBe(false);
    expect(isValidCourseCode('0001a')).toBe(false);
  });

  it('ticket numbers are exactly 12 digits', () => {
    expect(isValidTicketNo('512400000001')).toBe(true);
    expect(isValidTicketNo('51240000001')).toBe(false);
    expect(isValidTicketNo('51240000000X')).toBe(false);
  });

  it('names are 2 to 20 Chinese characters, with · for minority names', () => {
    expect(isValidChineseName(' 张三 ')).toBe(true);
    expect(isValidChineseName('阿依古丽·买买提')).toBe(true);
    expect(isValidChineseName('张')).toBe(false);
    expect(isValidChineseName('Zhang San')).toBe(false);
  });
});

describe('passwordProblem', () => {
  it('wants 8+ characters with letters and digits, without the ID tail', () => {
    expect(passwordProblem('abc123')).toBe('至少8位');
    expect(passwordProblem('12345678')).toBe('须同时包含字母和数字');
    expect(passwordProblem('abcdefgh')).toBe('须同时包含字母和数字');
    expect(passwordProblem('a31002xyz', '11010519491231002X')).toBe('不能包含证件号码后6位');
    expect(passwordProblem('kaowei2027', '11010519491231002X')).toBeNull();
  });
});
