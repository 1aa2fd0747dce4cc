import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import './PrivacyConsent.css';

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

const AGREE_ID = 'privacy-agree';
/** One launch asks at most once unprompted; later asks come from the privacy APIs themselves. */
let askedThisLaunch = false;

/**
 * WeChat's privacy guide (`__usePrivacyCheck__` in app.config): the first time a page calls a privacy
 * API (image picking, the phone-number button) WeChat pauses it and asks us to show the consent; the
 * call goes on once the user taps the agree button (open-type agreePrivacyAuthorization), and fails on
 * 拒绝. Pages that pick images or ask for the phone number mount this once; the first page mounts it with
 * `askAtLaunch`, so a launch that has not agreed yet asks at once (requirePrivacyAuthorize). The H5 build has no such
 * API: there the 须知 step's checkbox covers the service terms and the privacy policy.
 */
export function PrivacyConsent({ askAtLaunch = false }: { askAtLaunch?: boolean }) {
  const [pending, setPending] = useState<{ resolve: Resolve; contract: string } | null>(null);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      Taro.getPrivacySetting({
        success: (setting) => setPending({ resolve, contract: setting.privacyContractName || '《隐私保护指引》' }),
        fail: () => setPending({ resolve, contract: '《隐私保护指引》' }),
      });
    });
    if (!askAtLaunch || askedThisLaunch) return;
    askedThisLaunch = true;
    // First launch: not yet agreed → ask now (WeChat calls the listener above), not only at the first photo.
    Taro.getPrivacySetting({
      success: (setting) => {
        if (setting.needAuthorization) Taro.requirePrivacyAuthorize({});
      },
    });
  }, [askAtLaunch]);

  if (!pending) return null;
  const answer = (event: 'agree' | 'disagree') => {
    pending.resolve(event === 'agree' ? { event, buttonId: AGREE_ID } : { event });
    setPending(null);
  };
  return (
    <View className="privacy-mask">
      <View className="privacy-dialog">
        <View className="privacy-title">用户隐私保护提示</View>
        <View className="privacy-text">
          为办理新生注册、绑定手机和报考，我们需要使用您选择的照片和证件图片、手机号码。请阅读
          <View className="link privacy-contract" onClick={() => Taro.openPrivacyContract({})}>
            {pending.contract}
          </View>
          ，同意后方可继续；拒绝后本次操作将无法完成。
        </View>
        <View className="privacy-actions">
          <Button className="btn-secondary" onClick={() => answer('disagree')}>
            拒绝
          </Button>
          <Button
            className="btn-primary"
            id={AGREE_ID}
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer('agree')}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
