import { describe, expect, it } from 'vitest';
import { ApiError } from '../services/request';
import { passwordStrength } from './PasswordStrength';
import { PHOTO_MAX_BYTES, photoProblem } from './PhotoPicker';
import { wantsCaptcha } from './useCaptchaGate';

describe('photo checks before upload', () => {
  it('accepts a JPG or PNG up to 2 MB, judged by type or, in the mini-program, by file name', () => {
    expect(photoProblem({ size: PHOTO_MAX_BYTES, type: 'image/png', path: 'blob:x' })).toBeNull();
    expect(photoProblem({ size: 1000, path: 'wxfile://tmp/a.JPG' })).toBeNull();
  });

  it('refuses other types and files over 2 MB, in Chinese', () => {
    expect(photoProblem({ size: 1000, type: 'image/gif', path: 'blob:x' })).toBe('照片须为JPG或PNG格式');
    expect(photoProblem({ size: PHOTO_MAX_BYTES + 1, type: 'image/jpeg', path: 'blob:x' })).toBe('照片不能超过2MB');
  });
});

describe('password strength hint', () => {
  it('is weak below the rule, medium when it passes, strong when long and varied', () => {
    expect(passwordStrength('abc123')).toBe('弱');
    expect(passwordStrength('kaowei2027')).toBe('中');
    expect(passwordStrength('Kaowei2027ok!')).toBe('强');
  });
});

describe('when the captcha appears', () => {
  it('on captcha codes and on a failed login that says a captcha is now required', () => {
    expect(wantsCaptcha(new ApiError('CAPTCHA_REQUIRED', '请输入图片验证码', 400))).toBe(true);
    expect(wantsCaptcha(new ApiError('LOGIN_FAILED', '错误', 401, { captchaRequired: true }))).toBe(true);
    expect(wantsCaptcha(new ApiError('LOGIN_FAILED', '错误', 401, { captchaRequired: false }))).toBe(false);
    expect(wantsCaptcha(new Error('x'))).toBe(false);
  });
});
