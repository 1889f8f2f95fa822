import type { CoreGraphqlDeps, KindGraphql } from '../../twin-kind';
import type { DetectorKind } from '../detector-kind';
import type { DetectorTwinState } from '../model/detector-twin';
import { detectorChangesOf, detectorOf, DetectorHistoryResolver, DetectorResolver } from './detector.resolver';

export interface DetectorGraphqlDeps extends CoreGraphqlDeps {
  kind: DetectorKind;
}

/** The detector kind's part of the twins subgraph: `detectors`, `detector`, `configureDetector`, `detectorChanged`. */
export function detectorGraphql(deps: DetectorGraphqlDeps): KindGraphql {
  return {
    resolvers: [new DetectorResolver(deps), new DetectorHistoryResolver(deps)],
    types: [],
    handWritten: {
      Subscription: {
        detectorChanged: {
          subscribe: detectorChangesOf(deps),
          resolve: (state: DetectorTwinState) => detectorOf(deps, state.detectorId, state.tenantId, state),
        },
      },
    },
  };
}
