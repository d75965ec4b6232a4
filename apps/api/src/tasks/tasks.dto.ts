import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { says, Says } from '../validation-messages';
import { QueryInteger } from '../edge/query-integer';

const whole = (max: number) => says(`必须是 1 至 ${max} 之间的整数`, `must be a whole number from 1 to ${max}`);

export const DEFAULT_TASKS_PAGE_SIZE = 20;
export const MAX_TASKS_PAGE_SIZE = 50;

/** GET /tasks: a person's open steps, one page of the decisions they touch at a time. */
export class MyTasksQueryDto {
  @ApiPropertyOptional({ example: 'j-li', description: "the person: the signed-in caller (the default); another person's tasks are refused" })
  @IsOptional()
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  personId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TASKS_PAGE_SIZE, default: DEFAULT_TASKS_PAGE_SIZE, description: 'decisions looked at per page' })
  @IsOptional()
  @Max(MAX_TASKS_PAGE_SIZE, whole(MAX_TASKS_PAGE_SIZE))
  @Min(1, whole(MAX_TASKS_PAGE_SIZE))
  @IsInt(whole(MAX_TASKS_PAGE_SIZE))
  @QueryInteger()
  pageSize?: number;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Max(10_000, whole(10_000))
  @Min(1, whole(10_000))
  @IsInt(whole(10_000))
  @QueryInteger()
  page?: number;
}
