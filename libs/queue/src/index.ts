export { FAILED_JOBS_KEPT, JOB_QUEUE, QUEUE_HEALTH, retryDelayMs } from './queue.port';
export type {
  Backoff,
  Enqueued,
  EnqueueOptions,
  FailedJob,
  Job,
  JobHandler,
  JobQueue,
  QueueCounts,
  QueueHealth,
  QueueOptions,
} from './queue.port';
export * from './notifier.port';
export * from './in-process.adapter';
export * from './bullmq.adapter';
export * from './in-process.notifier';
export * from './redis.notifier';
export * from './queue.module';
export * from './stream-follower';
