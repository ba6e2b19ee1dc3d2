import { Module } from '@nestjs/common';
import { RoomsModule } from '@switchboard/rooms';
import { NotificationsController } from '../notifications/notifications.controller';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboundHttp } from '@switchboard/http';
import { OtherPushRulesPathsController } from '../pushrules/other-push-rules-paths.controller';
import { PushRulesController } from '../pushrules/push-rules.controller';
import { PushRulesService } from '../pushrules/push-rules.service';
import { BadgeUpdater } from './badge-updater.service';
import { PushBatchEvaluator } from './push-batch.evaluator';
import { PushDeliveryQueue } from './push-delivery.queue';
import { PushEvaluator } from './push-evaluator.service';
import { PushGatewayClient } from './push-gateway.client';
import { PushedEventReader } from './pushed-event.reader';

/**
 * Push (client-server-api "Push Notifications"): the rules API, evaluation of every new event
 * against each local member's rules, GET /notifications, and delivery to HTTP push gateways.
 * Unread counts in /sync read what evaluation stores (unread_notifications/).
 */
@Module({
  imports: [RoomsModule],
  controllers: [PushRulesController, OtherPushRulesPathsController, NotificationsController],
  providers: [
    PushRulesService,
    NotificationsService,
    PushBatchEvaluator,
    PushEvaluator,
    PushDeliveryQueue,
    PushGatewayClient,
    PushedEventReader,
    BadgeUpdater,
    OutboundHttp,
  ],
})
export class PushModule {}
