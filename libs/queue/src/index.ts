export * from './queue.port';
export * from './notifier.port';
export * from './in-process.adapter';
export * from './bullmq.adapter';
export * from './in-process.notifier';
export * from './redis.notifier';
export * from './queue.module';
