import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '../auth/caller';
import type { MyTasksPage } from '../../../../libs/domain';
import { MyTasksQueryDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({ description: "我的待办: the person's standing offices, and the steps they may take now in one page of the decisions those offices touch, soonest time limit first" })
  @ApiForbiddenResponse({ description: "another person's tasks" })
  forPerson(@Query() q: MyTasksQueryDto, @Caller() caller?: Caller): Promise<MyTasksPage> {
    // Only one's own: who holds which office, and where, is not for anyone else to list.
    const personId = q.personId ?? caller?.sub;
    if (!caller || personId !== caller.sub) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `只能查看本人的待办；已登录为 ${caller?.sub ?? '（未登录）'}（only your own tasks: you are signed in as ${caller?.sub ?? 'no one'}）` });
    }
    return this.tasks.forPerson({ ...q, personId });
  }
}
