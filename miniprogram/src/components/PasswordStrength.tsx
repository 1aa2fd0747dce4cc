import { passwordProblem } from '@kaowei/shared';
import { View } from '@tarojs/components';

/** Rough strength of a password that already meets the rule: longer and more kinds of characters is stronger. */
export function passwordStrength(password: string): '弱' | '中' | '强' {
  if (passwordProblem(password)) return '弱';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  return password.length >= 12 && kinds >= 3 ? '强' : '中';
}

/** The rule, and as the candidate types: what is missing, or how strong it is. */
export function PasswordStrength({ password }: { password: string }) {
  if (!password) return <View className="hint">密码至少8位，须同时包含字母和数字，不能包含证件号码后6位</View>;
  const problem = passwordProblem(password);
  if (problem) return <View className="error-text password-strength">密码{problem}</View>;
  const strength = passwordStrength(password);
  return (
    <View className={`hint password-strength ${strength === '强' ? 'password-strong' : ''}`}>密码强度：{strength}</View>
  );
}
