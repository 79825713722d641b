import { apiEnabled } from './api-enabled';
import { artifactRegistry } from './artifact-registry';
import { autopilot } from './autopilot';
import { cmek } from './cmek';
import { duplicateLayers } from './duplicate-layers';
import { emptyLayer } from './empty-layer';
import { fileCaps } from './file-caps';
import { firstPull, manyFiles, nap } from './informational';
import { nodeImage } from './node-image';
import { nodeScopes } from './node-scopes';
import { privateGoogleAccess } from './private-google-access';
import { pullSecret } from './pull-secret';
import { region } from './region';
import { Rule } from './rule';
import { saRole } from './sa-role';
import { schema1 } from './schema1';
import { standardVersion } from './standard-version';
import { streamingEnabled } from './streaming-enabled';
import { symlinkRename } from './symlink-rename';
import { vpcSc } from './vpc-sc';

/** Every rule, in report order: docs/image-streaming.md's requirements, then its limitations, then notes. */
export const RULES: readonly Rule[] = [
  apiEnabled,
  standardVersion,
  autopilot,
  nodeImage,
  streamingEnabled,
  nodeScopes,
  artifactRegistry,
  privateGoogleAccess,
  vpcSc,
  saRole,
  pullSecret,
  schema1,
  cmek,
  duplicateLayers,
  emptyLayer,
  region,
  fileCaps,
  symlinkRename,
  manyFiles,
  firstPull,
  nap,
];
