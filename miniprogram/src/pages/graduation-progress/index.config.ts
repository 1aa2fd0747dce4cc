export default definePageConfig({ navigationBarTitleText: '毕业进度' });
