import { AUTOMOUNT_POD } from './automount-pod';
import { AUTOMOUNT_SERVICE_ACCOUNT } from './automount-service-account';
import { DEFAULT_SERVICE_ACCOUNT } from './default-service-account';
import { LEGACY_TOKEN_SECRET } from './legacy-token-secret';
import { PROJECTED_TTL } from './projected-ttl';
import { SERVICE_ACCOUNT_EXISTS } from './service-account-exists';
import { SIDECAR_EXPOSURE } from './sidecar-exposure';
import { UNNECESSARY_TOKEN } from './unnecessary-token';
import type { Rule } from '../../rule';

/** Pack `tokens`: how pods get (or, preferably, do not get) API credentials. */
export const TOKEN_RULES: readonly Rule[] = [
  AUTOMOUNT_POD,
  AUTOMOUNT_SERVICE_ACCOUNT,
  DEFAULT_SERVICE_ACCOUNT,
  SERVICE_ACCOUNT_EXISTS,
  LEGACY_TOKEN_SECRET,
  PROJECTED_TTL,
  SIDECAR_EXPOSURE,
  UNNECESSARY_TOKEN,
];
