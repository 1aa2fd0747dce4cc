import { applicationFormFields } from '@kaowei/shared';
import { describe, expect, it } from 'vitest';
import { formFromInputs, formProblems, inputsFromForm } from './formValues';

describe('application forms from the shared schemas', () => {
  it('sends only the details a 信息变更 changes, and asks for one when none is', () => {
    const fields = applicationFormFields('info_change');
    const form = formFromInputs(fields, { name: ' 钱新 ', gender: '', reason: '户籍姓名已变更' });
    expect(form).toEqual({ name: '钱新', reason: '户籍姓名已变更' });
    expect(formProblems('info_change', form)).toEqual({});

    const nothing = formFromInputs(fields, { reason: '户籍姓名已变更' });
    expect(formProblems('info_change', nothing)['']).toBe('请选择需要变更的信息并填写变更内容');
  });

  it('names the field a 免考 form lacks, with the schema’s Chinese message', () => {
    const fields = applicationFormFields('exemption');
    const problems = formProblems('exemption', formFromInputs(fields, { courseCode: '00015', basis: '' }));
    expect(Object.keys(problems)).toEqual(['basis']);
    expect(problems.basis).toContain('请填写免考依据');
  });

  it('leaves a masked document number kept from the stored form to the server', () => {
    const stored = { documentType: 'resident_id', documentNo: '6301**********1234', reason: '证件号码有误' };
    const fields = applicationFormFields('info_change');
    const form = formFromInputs(fields, inputsFromForm(fields, stored));
    expect(form).toEqual(stored);
    expect(formProblems('info_change', form)).toEqual({});
    expect(formProblems('info_change', { ...form, documentNo: '630102199001011234' })).toHaveProperty('documentNo');
  });

  it('turns list rows and numbers into what 转入 and 成绩复核 take', () => {
    const transferIn = applicationFormFields('transfer_in');
    const form = formFromInputs(transferIn, {
      fromProvince: '甘肃',
      fromTicketNo: '010119100001',
      courses: [{ courseCode: '00015', periodCode: '202304', score: '' }],
    });
    expect(form.courses).toEqual([{ courseCode: '00015', periodCode: '202304', score: null }]);
    const review = formFromInputs(applicationFormFields('score_review'), { periodId: '12', courseCode: '00015' });
    expect(review.periodId).toBe(12);
  });
});
