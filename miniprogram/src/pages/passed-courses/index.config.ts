export default definePageConfig({ navigationBarTitleText: '已合格课程' });
