export default definePageConfig({ navigationBarTitleText: '开考课程' });
