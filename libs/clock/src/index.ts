export * from './clock';
export * from './clock.error';
export * from './duration';
export * from './simulated-clock';
export * from './simulated-clock-owner';
export * from './create-clock';
export { CLOCK_KEYS } from './clock-bucket';
