import { Controller } from '@nestjs/common';
import { MatrixError, otherPushRulesPaths } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';

const [getAny, putAny, deleteAny, putNoScope, deleteNoScope] = otherPushRulesPaths;

function unrecognized(): never {
  throw new MatrixError('M_UNRECOGNIZED', 400, 'Unrecognized push rules request');
}

/** Paths under /pushrules/ that name no scope, kind, rule or attribute: a bad request, as in Synapse. */
@Controller()
export class OtherPushRulesPathsController {
  @MatrixRoute(getAny)
  get(): never {
    unrecognized();
  }

  @MatrixRoute(putAny)
  put(): never {
    unrecognized();
  }

  @MatrixRoute(deleteAny)
  delete(): never {
    unrecognized();
  }

  @MatrixRoute(putNoScope)
  putNoScope(): never {
    unrecognized();
  }

  @MatrixRoute(deleteNoScope)
  deleteNoScope(): never {
    unrecognized();
  }
}
