export default defineAppConfig({
  pages: [
    'pages/booking/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/ticket-lookup/index',
    'pages/forgot-password/index',
    'pages/first-login/index',
    'pages/change-password/index',
    'pages/phone/index',
    'pages/courses/index',
    'pages/payment/index',
    'pages/payment-result/index',
    'pages/my-bookings/index',
    'pages/register/index',
    'pages/register-status/index',
    'pages/admission-ticket/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1a5fb4',
    navigationBarTitleText: '自考报考',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
  },
  tabBar: {
    color: '#6b7280',
    selectedColor: '#1a5fb4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/booking/index',
        text: '报考',
        iconPath: 'assets/tabbar/booking.png',
        selectedIconPath: 'assets/tabbar/booking-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
  // H5: page changes without the slide animation (steadier screenshots, faster flows).
  animation: false,
});
