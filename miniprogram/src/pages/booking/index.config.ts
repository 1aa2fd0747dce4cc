export default definePageConfig({ navigationBarTitleText: '报考' });
