// Seed: the demo data and its accounts.
export { DEMO_ACCOUNTS, seedDemo } from './seed-demo';
