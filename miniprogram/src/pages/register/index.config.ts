export default definePageConfig({ navigationBarTitleText: '新生注册' });
