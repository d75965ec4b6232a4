import { Body, Controller, Get, Put, UnauthorizedException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NotificationPreferencesView } from '../../../../libs/domain';
import { Caller } from '../auth/caller';
import { NotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationsService } from './notifications.service';

/** The signed-in official's own notification channels: there is no route to anyone else's. */
@ApiTags('notifications')
@Controller('me/notification-preferences')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ description: 'how the signed-in official is notified (e-mail, webhook; never the secret) and their latest notices with their delivery' })
  get(@Caller() caller?: Caller): Promise<NotificationPreferencesView> {
    return this.notifications.get(subjectOf(caller));
  }

  @Put()
  @ApiOkResponse({ description: 'the channels set; a new webhook URL answers its signing secret, this once' })
  @ApiBadRequestResponse({ description: 'an address that is not an e-mail address, a URL that is not http(s) or not on the allow-list' })
  put(@Body() dto: NotificationPreferencesDto, @Caller() caller?: Caller): Promise<NotificationPreferencesView> {
    return this.notifications.put(subjectOf(caller), dto);
  }
}

function subjectOf(caller: Caller | undefined): string {
  if (!caller) throw new UnauthorizedException();
  return caller.sub;
}
