export * from './strapping';
