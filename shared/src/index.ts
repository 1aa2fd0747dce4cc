export * from './errors';
export * from './validators';
export * from './masking';
export * from './schemas';
export * from './domain';
export * from './api/accounts';
export * from './api/booking';
