import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** 我的待办: each person's open steps across decisions (GET /tasks). */
@Module({
  imports: [AuthorityModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
