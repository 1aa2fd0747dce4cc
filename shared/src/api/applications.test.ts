import { describe, expect, it } from 'vitest';
import { applicationDecisionBody, applicationWindowBody, exemptionForm, infoChangeForm } from './applications';

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe('application forms', () => {
  it('wants something to change in 信息变更, and a document as a type and a valid number together', () => {
    expect(messages(infoChangeForm.safeParse({ reason: '姓名变更' }))).toEqual(['请选择需要变更的信息并填写变更内容']);
    expect(messages(infoChangeForm.safeParse({ documentNo: '110101199003074514', reason: '号码有误' }))).toEqual([
      '变更证件须同时填写证件类型和证件号码',
    ]);
    expect(
      messages(
        infoChangeForm.safeParse({ documentType: 'resident_id', documentNo: '110101199003074515', reason: '号码有误' }),
      ),
    ).toEqual([expect.stringMatching(/^居民身份证号码不正确：/)]);
    expect(infoChangeForm.safeParse({ name: '李新名', gender: 'F', reason: '户籍变更' }).success).toBe(true);
  });

  it('wants a five-digit course and its basis in 免考', () => {
    expect(messages(exemptionForm.safeParse({ courseCode: '1234', basis: '' }))).toEqual([
      '课程代码“1234”不正确，课程代码为5位数字',
      '请填写免考依据（所持证书或已修课程）',
    ]);
  });

  it('wants a reason to reject, and a window that closes after it opens', () => {
    expect(messages(applicationDecisionBody.safeParse({ outcome: 'reject' }))).toEqual(['不通过须填写原因']);
    expect(applicationDecisionBody.safeParse({ outcome: 'approve' }).success).toBe(true);
    const at = '2027-03-01T09:00:00+08:00';
    expect(messages(applicationWindowBody.safeParse({ kind: 'exemption', opensAt: at, closesAt: at }))).toEqual([
      '办理结束时间须晚于开始时间',
    ]);
  });
});
