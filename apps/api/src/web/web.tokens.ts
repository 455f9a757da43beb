export const WEB_SETTINGS = Symbol('WEB_SETTINGS');
