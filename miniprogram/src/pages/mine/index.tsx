import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import type { Profile } from '../../components/accountSession';
import { useLoadOnShow } from '../../components/useLoad';
import { wechat } from '../../platform/wechat';
import { request } from '../../services/request';
import { FIRST_LOGIN_PAGE, LOGIN_PAGE } from '../../services/pages';
import { session } from '../../services/session';
import { SmsNoticeSwitch } from './SmsNoticeSwitch';
import './index.css';

function MenuItem({ id, label, value, url }: { id: string; label: string; value?: string; url: string }) {
  return (
    <View className="mine-item" id={id} onClick={() => Taro.navigateTo({ url })}>
      <View>{label}</View>
      <View className="mine-item-value">
        {value} <View className="mine-arrow">›</View>
      </View>
    </View>
  );
}

function SignedOut() {
  return (
    <View className="card mine-signed-out">
      <View className="hint">登录后可查看个人信息和报考记录</View>
      <Button className="btn-primary" id="mine-login" onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}>
        登录
      </Button>
      <View className="link mine-register" onClick={() => Taro.navigateTo({ url: '/pages/register-status/index' })}>
        新生注册进度查询
      </View>
      <View className="link mine-score-lookup" onClick={() => Taro.navigateTo({ url: '/pages/score-lookup/index' })}>
        成绩查询（免登录）
      </View>
    </View>
  );
}

/**
 * 我的: profile (ID masked), phone, password, 短信通知 opt-out, 我的报考, WeChat link (not on the web channel), logout; 登录 when signed
 * out. 通知公告, 联系我们 and 常见问题 either way.
 */
export default function MinePage() {
  const load = useCallback(() => (session.get() ? request<Profile>('/api/accounts/me') : Promise.resolve(null)), []);
  const { state, reload } = useLoadOnShow(load);

  const unlinkWechat = async () => {
    const { confirm } = await Taro.showModal({
      title: '解除微信绑定',
      content: '解除后不能再用微信一键登录，需使用准考证号和密码登录。确定解除？',
      confirmText: '解除',
    });
    if (!confirm) return;
    try {
      await request('/api/accounts/wechat/unlink', { method: 'POST' });
      void Taro.showToast({ title: '已解除微信绑定', icon: 'none' });
      reload();
    } catch {
      // Shown by the request module.
    }
  };

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出登录？' });
    if (!confirm) return;
    session.clear();
    reload();
  };

  return (
    <View className="page">
      <PageState state={state} onRetry={reload}>
        {(profile) =>
          profile ? (
            <>
              <View className="card mine-profile">
                <View className="mine-name">{profile.name}</View>
                {profile.ticket && (
                  <View className="hint">
                    准考证号 {profile.ticket.ticketNo} · {profile.ticket.majorName}（{profile.ticket.majorLevel}）
                  </View>
                )}
                <View className="hint mine-id">证件号码 {profile.idCardNoMasked}</View>
              </View>
              {profile.nextStep && (
                <View className="card mine-first-login" onClick={() => Taro.navigateTo({ url: FIRST_LOGIN_PAGE })}>
                  <View className="error-text">尚未完成首次登录设置（绑定手机、修改初始密码），完成后才能报考 ›</View>
                </View>
              )}
              <View className="card mine-menu">
                <MenuItem id="mine-bookings" label="我的报考" url="/pages/my-bookings/index" />
                <MenuItem id="mine-admission-ticket" label="准考证打印" url="/pages/admission-ticket/index" />
                <MenuItem
                  id="mine-phone"
                  label="手机绑定"
                  value={profile.phoneMasked ?? '未绑定'}
                  url="/pages/phone/index"
                />
                <MenuItem id="mine-password" label="修改密码" url="/pages/change-password/index" />
                <SmsNoticeSwitch />
                <MenuItem id="mine-registration" label="新生注册进度" url="/pages/register-status/index" />
                <MenuItem id="mine-scores" label="成绩查询" url="/pages/my-scores/index" />
                <MenuItem id="mine-passed" label="已合格课程" url="/pages/passed-courses/index" />
                <MenuItem id="mine-progress" label="毕业进度" url="/pages/graduation-progress/index" />
                <MenuItem id="mine-applications" label="业务办理" url="/pages/applications/index" />
                <MenuItem id="mine-my-applications" label="我的申请" url="/pages/my-applications/index" />
                {wechat.available && (
                  <View className="mine-item" id="mine-wechat">
                    <View>微信绑定</View>
                    {profile.wechatLinked ? (
                      <View className="link" id="mine-wechat-unlink" onClick={unlinkWechat}>
                        已绑定 · 解除绑定
                      </View>
                    ) : (
                      <View className="mine-item-value">未绑定（微信一键登录后自动绑定）</View>
                    )}
                  </View>
                )}
              </View>
              <Button className="btn-secondary" id="mine-logout" onClick={logout}>
                退出登录
              </Button>
            </>
          ) : (
            <SignedOut />
          )
        }
      </PageState>
      <View className="card mine-menu mine-services">
        <MenuItem id="mine-announcements" label="通知公告" url="/pages/announcements/index" />
        <MenuItem id="mine-contacts" label="联系我们" url="/pages/contacts/index" />
        <MenuItem id="mine-faq" label="常见问题" url="/pages/faq/index" />
      </View>
    </View>
  );
}
