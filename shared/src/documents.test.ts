import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from './domain';
import { checkAnyDocumentNo, initialPassword, validateDocument } from './documents';
import { documentSchema } from './schemas';

const TODAY = new Date('2026-11-22T00:00:00Z');

describe('validateDocument', () => {
  it('居民身份证: GB 11643, with birth date and gender', () => {
    expect(validateDocument('resident_id', ' 11010519491231002x ', TODAY)).toEqual({
      ok: true,
      documentNo: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'F',
    });
    expect(validateDocument('resident_id', '110105194912310021', TODAY)).toEqual({ ok: false, reason: '校验位不正确' });
    expect(validateDocument('resident_id', '990105194912310026', TODAY)).toEqual({ ok: false, reason: '地区码无效' });
  });

  it('港澳台居民居住证: 18 characters, GB 11643 checksum, 81/82/83 prefix', () => {
    expect(validateDocument('hmt_residence_permit', '810000199003070023', TODAY)).toEqual({
      ok: true,
      documentNo: '810000199003070023',
      birthDate: '1990-03-07',
      gender: 'F',
    });
    expect(validateDocument('hmt_residence_permit', '820000198512310010', TODAY)).toMatchObject({
      ok: true,
      gender: 'M',
    });
    // Taiwan's prefix 83 is not a resident ID region, but a residence permit's; the check character here is X.
    expect(validateDocument('hmt_residence_permit', '83000020000229004x', TODAY)).toMatchObject({
      ok: true,
      documentNo: '83000020000229004X',
      birthDate: '2000-02-29',
    });
    expect(validateDocument('hmt_residence_permit', '810000199003070024', TODAY)).toEqual({
      ok: false,
      reason: '校验位不正确',
    });
    // Valid checksums, wrong prefixes: a mainland ID number and an unused 84.
    for (const wrongPrefix of ['11010519491231002X', '840000199003070029', '71000019900307002X']) {
      expect(validateDocument('hmt_residence_permit', wrongPrefix, TODAY)).toEqual({
        ok: false,
        reason: '应以81（香港）、82（澳门）或83（台湾）开头',
      });
    }
    expect(validateDocument('hmt_residence_permit', '81000019900307002', TODAY)).toMatchObject({ ok: false });
  });

  it('港澳居民来往内地通行证: H or M, then 8 or 10 digits', () => {
    expect(validateDocument('hk_macao_permit', ' h12345678 ')).toEqual({ ok: true, documentNo: 'H12345678' });
    expect(validateDocument('hk_macao_permit', 'M1234567890')).toEqual({ ok: true, documentNo: 'M1234567890' });
    const refused = { ok: false, reason: '应为H或M开头，后接8位或10位数字' };
    expect(validateDocument('hk_macao_permit', 'C12345678')).toEqual(refused);
    expect(validateDocument('hk_macao_permit', '12345678')).toEqual(refused);
    expect(validateDocument('hk_macao_permit', 'H123456789')).toEqual(refused);
    expect(validateDocument('hk_macao_permit', 'H1234567')).toEqual(refused);
    expect(validateDocument('hk_macao_permit', 'H1234567A')).toEqual(refused);
  });

  it('台湾居民来往大陆通行证: 8 digits', () => {
    expect(validateDocument('taiwan_permit', ' 01234567 ')).toEqual({ ok: true, documentNo: '01234567' });
    const refused = { ok: false, reason: '应为8位数字' };
    expect(validateDocument('taiwan_permit', '1234567')).toEqual(refused);
    expect(validateDocument('taiwan_permit', '123456789')).toEqual(refused);
    expect(validateDocument('taiwan_permit', 'T1234567')).toEqual(refused);
  });

  it('护照: 5 to 17 letters or digits, upper-cased', () => {
    expect(validateDocument('passport', ' e12345678 ')).toEqual({ ok: true, documentNo: 'E12345678' });
    expect(validateDocument('passport', 'ab123')).toEqual({ ok: true, documentNo: 'AB123' });
    expect(validateDocument('passport', 'A1234567890123456')).toMatchObject({ ok: true });
    const refused = { ok: false, reason: '应为5至17位字母或数字' };
    expect(validateDocument('passport', 'A123')).toEqual(refused);
    expect(validateDocument('passport', 'A12345678901234567')).toEqual(refused);
    expect(validateDocument('passport', 'E1234-5678')).toEqual(refused);
    expect(validateDocument('passport', 'E1234 5678')).toEqual(refused);
  });
});

describe('initialPassword', () => {
  it('is the last 6 characters of the normalised number for every type', () => {
    expect(initialPassword('resident_id', '11010519491231002x')).toBe('31002X');
    expect(initialPassword('hmt_residence_permit', '83000020000229004X')).toBe('29004X');
    expect(initialPassword('hk_macao_permit', 'H12345678')).toBe('345678');
    expect(initialPassword('taiwan_permit', '01234567')).toBe('234567');
    expect(initialPassword('passport', ' e12345678 ')).toBe('345678');
    expect(initialPassword('passport', 'ab123')).toBe('AB123');
  });
});

describe('documentSchema', () => {
  it('knows a Chinese name for every type', () => {
    for (const type of DOCUMENT_TYPES) expect(DOCUMENT_TYPE_LABELS[type]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('returns the normalised number', () => {
    expect(documentSchema.parse({ documentType: 'hk_macao_permit', documentNo: ' m12345678 ' })).toEqual({
      documentType: 'hk_macao_permit',
      documentNo: 'M12345678',
    });
  });

  it('names the type and the reason in Chinese, on the number', () => {
    const result = documentSchema.safeParse({ documentType: 'taiwan_permit', documentNo: '1234' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['documentNo'],
      message: '台湾居民来往大陆通行证号码不正确：应为8位数字',
    });
  });

  it('asks for a known type and a number', () => {
    const unknownType = documentSchema.safeParse({ documentType: 'driving_licence', documentNo: 'A12345' });
    expect(unknownType.error?.issues[0]).toMatchObject({ path: ['documentType'], message: '请选择证件类型' });
    const noNumber = documentSchema.safeParse({ documentType: 'passport', documentNo: '  ' });
    expect(noNumber.error?.issues[0]).toMatchObject({ path: ['documentNo'], message: '请输入证件号码' });
  });
});

describe('checkAnyDocumentNo', () => {
  it('takes a valid number of any type, normalised', () => {
    expect(checkAnyDocumentNo(' 11010519491231002x ', TODAY)).toMatchObject({
      ok: true,
      documentNo: '11010519491231002X',
    });
    expect(checkAnyDocumentNo('810000199003070023', TODAY)).toMatchObject({ ok: true, birthDate: '1990-03-07' });
    expect(checkAnyDocumentNo('h12345678', TODAY)).toEqual({ ok: true, documentNo: 'H12345678' });
    expect(checkAnyDocumentNo('01234567', TODAY)).toEqual({ ok: true, documentNo: '01234567' });
    expect(checkAnyDocumentNo('E12345678', TODAY)).toEqual({ ok: true, documentNo: 'E12345678' });
  });

  it('judges 15 to 18 digits as an ID number, so a mistyped one is not taken for a passport', () => {
    expect(checkAnyDocumentNo('110105194912310021', TODAY)).toEqual({ ok: false, reason: '校验位不正确' });
    expect(checkAnyDocumentNo('11010519491231002', TODAY)).toMatchObject({ ok: false });
    expect(checkAnyDocumentNo('H-1234', TODAY)).toEqual({ ok: false, reason: '请核对证件类型和号码' });
  });
});
