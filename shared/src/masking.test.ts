import { describe, expect, it } from 'vitest';
import { maskDocumentNo, maskIdCardNo, maskName, maskPersonalDataInText, maskPhone, maskTicketNo } from './masking';

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

  it("shows at most the last character of any document number's last 6 (the initial password)", () => {
    expect(maskDocumentNo('83000020000229004X')).toBe('830**************X');
    expect(maskDocumentNo('H12345678')).toBe('H12*****8');
    expect(maskDocumentNo('M1234567890')).toBe('M12*******0');
    expect(maskDocumentNo('01234567')).toBe('01*****7');
    expect(maskDocumentNo('E1234567')).toBe('E1*****7');
    expect(maskDocumentNo('AB12345')).toBe('*******');
    expect(maskDocumentNo('AB123')).toBe('*****');
  });

  it('finds residence permit and 港澳 permit numbers inside free text', () => {
    const text = 'import 83000020000229004X, H12345678 and m1234567890; not HX12345678 or H123456789';
    expect(maskPersonalDataInText(text)).toBe(
      'import 830**************X, H12*****8 and m12*******0; not HX12345678 or H123456789',
    );
  });
});
