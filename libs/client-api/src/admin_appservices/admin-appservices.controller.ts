import { Controller } from '@nestjs/common';
import { MatrixRoute } from '@switchboard/http';
import {
  AdminAppserviceList,
  AdminAppservicesReloaded,
  listAppservices,
  reloadAppservices,
} from '@switchboard/protocol';
import { Requester } from '../auth/requester';
import { AdminAppservicesService } from './admin-appservices.service';

@Controller()
export class AdminAppservicesController {
  constructor(private readonly appservices: AdminAppservicesService) {}

  /** GET /_switchboard/admin/v1/appservices — the registered application services, without tokens. */
  @MatrixRoute(listAppservices)
  list(@Requester() requester: Requester): Promise<AdminAppserviceList> {
    return this.appservices.list(requester);
  }

  /** POST /_switchboard/admin/v1/appservices/reload — re-reads the registration files, as SIGHUP does. */
  @MatrixRoute(reloadAppservices)
  reload(@Requester() requester: Requester): Promise<AdminAppservicesReloaded> {
    return this.appservices.reload(requester);
  }
}
