import { describe, expect, it } from 'vitest';
import { officialCreateBody, officialEditBody, officialPasswordProblem } from './officials';

describe('officials’ password rule', () => {
  it.each([
    ['Abc2027', '至少10位'],
    ['abcdefghijk', '须同时包含字母和数字'],
    ['12345678901', '须同时包含字母和数字'],
    ['wangfang2027', '不能包含用户名'],
    ['Xiangcheng2027', null],
  ])('%s → %s', (password, problem) => {
    expect(officialPasswordProblem(password, 'wangfang')).toBe(problem);
  });
});

describe('account forms', () => {
  const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
    result.success ? [] : result.error!.issues.map((i) => i.message);

  it('wants the region of a city or county account, and none for the province', () => {
    expect(messages(officialCreateBody.safeParse({ username: 'li_ming', name: '李明', role: 'county' }))).toEqual([
      '请选择账号所属的市（州）或县（市、区）',
    ]);
    expect(officialCreateBody.safeParse({ username: 'Li_Ming', name: '李明', role: 'province' }).data).toMatchObject({
      username: 'li_ming',
    });
    expect(messages(officialEditBody.safeParse({ name: '李明', role: 'city', cityId: 3 }))).toEqual(['请填写原因']);
  });

  it('refuses a bad username and a weak initial password with Chinese messages', () => {
    expect(messages(officialCreateBody.safeParse({ username: '9x', name: '李明', role: 'province' }))).toEqual([
      '用户名须为3至32位小写字母、数字或下划线，以字母开头',
    ]);
    expect(
      messages(officialCreateBody.safeParse({ username: 'li_ming', name: '李明', role: 'province', password: 'abc' })),
    ).toEqual(['初始密码不符合要求：至少10位']);
  });
});
