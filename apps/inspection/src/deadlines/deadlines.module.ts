import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { DeadlineWatcher } from './deadline-watcher';

@Module({
  imports: [TasksModule],
  providers: [DeadlineWatcher],
})
export class DeadlinesModule {}
