import { z } from 'zod';
import { pageQuery } from '../adminQueries';
import { OFFICIAL_ROLES, type OfficialRole } from '../domain';
import { passwordProblem } from '../validators';

/** 账号管理 and 修改密码: request bodies (server validation, admin forms) and answers. */

/**
 * Officials' password rule: the candidates' rule (letters and digits, at most 64) but at least 10 characters,
 * and not containing the username.
 */
export function officialPasswordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return '至少10位';
  const problem = passwordProblem(password);
  if (problem) return problem;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '不能包含用户名';
  return null;
}

const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{2,31}$/, '用户名须为3至32位小写字母、数字或下划线，以字母开头');
const name = z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(32, '姓名不能超过32个字');
const reason = z.string({ error: '请填写原因' }).trim().min(2, '请填写原因').max(200, '原因不能超过200字');
const optionalId = z.number().int().positive().nullable().optional();

/** A scope as a form sends it: a city office names its city, a county office its county (the city follows). */
const scopeFields = {
  role: z.enum(OFFICIAL_ROLES, { error: '请选择账号级别（省考试院、市（州）考办或县（市、区）考办）' }),
  cityId: optionalId,
  countyId: optionalId,
};
type ScopeFields = { role: OfficialRole; cityId?: number | null; countyId?: number | null };
const scopeComplete = (scope: ScopeFields) =>
  scope.role === 'province' || (scope.role === 'city' ? !!scope.cityId : !!scope.countyId);
const scopeMessage = { message: '请选择账号所属的市（州）或县（市、区）', path: ['role'] };

const blank = (value: unknown) => (value === '' || value === null ? undefined : value);

/** 账号管理's list: username or name search, one level. */
export const officialListQuery = pageQuery.extend({
  q: z.preprocess(blank, z.string().trim().max(32, '查询内容不能超过32个字符').optional()),
  role: z.preprocess(blank, z.enum(OFFICIAL_ROLES, { error: '账号级别不正确' }).optional()),
});

export const officialCreateBody = z
  .object({
    username,
    name,
    ...scopeFields,
    /** Left out: the server makes one and shows it once. Either way it must be changed at first login. */
    password: z.string().max(64, '密码不能超过64位').optional(),
  })
  .refine(scopeComplete, scopeMessage)
  .superRefine((body, ctx) => {
    const problem = body.password ? officialPasswordProblem(body.password, body.username) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `初始密码不符合要求：${problem}` });
  });

export const officialEditBody = z.object({ name, ...scopeFields, reason }).refine(scopeComplete, scopeMessage);

export const ownPasswordChangeBody = z.object({
  oldPassword: z.string({ error: '请输入原密码' }).min(1, '请输入原密码').max(64, '密码不能超过64位'),
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(64, '密码不能超过64位'),
});

export type OfficialCreateInput = z.input<typeof officialCreateBody>;
export type OfficialEditInput = z.input<typeof officialEditBody>;

/** An official as 账号管理 lists them: no password hash, no authenticator secret. */
export interface OfficialView {
  id: number;
  username: string;
  name: string;
  role: OfficialRole;
  roleLabel: string;
  cityId: number | null;
  cityName: string | null;
  countyId: number | null;
  countyName: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  disabledAt: string | null;
  createdAt: string;
}

/** A password the server made (new account or reset): shown once to the superior, never stored in clear. */
export interface OfficialWithPassword {
  official: OfficialView;
  temporaryPassword: string | null;
}
