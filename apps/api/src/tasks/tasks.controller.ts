import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { MyTasksPage } from '../../../../libs/domain';
import { MyTasksQueryDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({ description: "我的待办: the person's standing offices, and the steps they may take now in one page of the decisions those offices touch, soonest time limit first" })
  forPerson(@Query() q: MyTasksQueryDto): Promise<MyTasksPage> {
    return this.tasks.forPerson(q);
  }
}
