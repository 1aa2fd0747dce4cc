export default definePageConfig({ navigationBarTitleText: '找回准考证' });
