import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/nest/config.module';
import { PrismaModule } from '../../../libs/nest/prisma.module';
import { NotifierService } from './notifier.service';
import { WorkerService } from './worker.service';

@Module({ imports: [ConfigModule, PrismaModule], providers: [WorkerService, NotifierService] })
export class WorkerModule {}
