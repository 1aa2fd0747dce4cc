export default definePageConfig({ navigationBarTitleText: '业务办理' });
