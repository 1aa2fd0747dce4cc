import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PasswordChanger } from '../../components/PasswordChanger';
import { signOutTo } from '../../components/accountSession';

/** 修改密码: every session ends on success, so the candidate logs in again with the new one. */
export default function ChangePasswordPage() {
  const changed = async () => {
    await Taro.showModal({ title: '密码已修改', content: '请使用新密码重新登录', showCancel: false });
    signOutTo();
  };
  return (
    <View className="page">
      <View className="card">
        <PasswordChanger oldLabel="原密码" onChanged={() => void changed()} />
      </View>
    </View>
  );
}
