import { describe, expect, it } from 'vitest';
import { maskIdCardNo, maskName, maskPersonalDataInText, maskPhone, maskTicketNo } from './masking';

describe('masking', () => {
  it('never shows the last 6 characters of an ID number (the initial password)', () => {
    const masked = maskIdCardNo('11010519491231002X');
    expect(masked).toBe('110**************X');
    expect(masked).not.toContain('31002');
  });

  it('masks phones, ticket numbers and names the usual way', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskTicketNo('512400001234')).toBe('5124****1234');
    expect(maskName('张三丰')).toBe('张**');
  });

  it('finds ID and phone numbers inside free text', () => {
    const text = 'login 11010519491231002X from 13812345678, order 4200001234567890123456';
    const masked = maskPersonalDataInText(text);
    expect(masked).toBe('login 110**************X from 138****5678, order 4200001234567890123456');
  });
});
