/** Paths of the pages that code outside them opens (the login, the first-login guide, the 报考 tab). */
export const LOGIN_PAGE = '/pages/login/index';
export const FIRST_LOGIN_PAGE = '/pages/first-login/index';
export const BOOKING_TAB = '/pages/booking/index';
