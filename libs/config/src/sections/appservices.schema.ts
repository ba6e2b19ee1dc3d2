import { z } from 'zod';
import { emptyMeansDefault, filePath, uniqueItems } from '../internal/schema-helpers';

export const appServiceConfigFilesSchema = emptyMeansDefault(
  z
    .array(filePath('Application service registration YAML.'), { message: 'a list of file paths' })
    .superRefine(uniqueItems('a file'))
    .default([]),
).describe(
  "Application service registration files (bridges); relative to this file's directory. See config/appservices/example-registration.yaml; reload with SIGHUP or POST /_switchboard/admin/v1/appservices/reload.",
);
