// Moved to server/dev/redis-server.ts (bench/ uses it too, and bench imports no test code); kept so
// tests written against the old path still run.
export * from '../../server/dev/redis-server.ts';
