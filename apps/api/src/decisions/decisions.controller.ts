import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { DecisionsService } from './decisions.service';
import { RegisterDecisionDto } from './dto/register-decision.dto';

@ApiTags('decisions')
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the decision is registered and its workflow started' })
  @ApiConflictResponse({ description: 'a decision with this id already exists' })
  register(@Body() dto: RegisterDecisionDto) {
    return this.decisions.register(dto);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'no decision with this id' })
  get(@Param('id') id: string) {
    return this.decisions.get(id);
  }
}
