// The pure part of the embedded host: lifecycle table, module record steps, scheduler, event types.
export * from './lifecycle';
export * from './record';
export * from './events';
export * from './scheduler';
