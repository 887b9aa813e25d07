// Moved to server/dev/process.ts (bench/ uses it too, and bench imports no test code); kept so
// tests written against the old path still run.
export * from '../../server/dev/process.ts';
