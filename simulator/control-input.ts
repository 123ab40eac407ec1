import { z } from 'zod';
import { SCENARIO_NAMES } from './scenarios/registry.ts';

// Keys of Context and Response become XML attribute or element names.
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const freeFormObject = z.record(
  z.string().regex(XML_NAME, 'must be a valid XML name such as librarySectionID'),
  z.json(),
);

const activityFields = {
  type: z.string().min(1).optional(),
  title: z.string().optional(),
  cancellable: z.boolean().optional(),
  userID: z.number().int().optional(),
  subtitle: z.string().nullable().optional(),
  progress: z.number().min(-1).max(100).nullable().optional(),
  Context: freeFormObject.nullable().optional(),
  Response: freeFormObject.nullable().optional(),
  refuseCancel: z.boolean().optional(),
};

/** Body of `POST /__simulator/activities`. A `null` optional field leaves it out. */
export const newActivitySchema = z.strictObject({
  ...activityFields,
  uuid: z
    .string()
    .regex(/^[^/?#\s]+$/, 'must be non-empty without /, ?, # or spaces')
    .optional(),
});

/** Body of `PATCH /__simulator/activities/{uuid}`. A `null` optional field removes it. */
export const activityPatchSchema = z.strictObject(activityFields);

export const endActivitySchema = z.strictObject({
  progress: z.number().min(-1).max(100).optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.enum(SCENARIO_NAMES),
  speed: z.number().positive().optional(),
});

export const formatSchema = z.strictObject({ mode: z.enum(['auto', 'xml']) });

export const faultsSchema = z.strictObject({
  unauthorized: z.boolean().optional(),
  status500: z.boolean().optional(),
  hang: z.boolean().optional(),
  pings: z.boolean().optional(),
});

/** Body of `POST /__simulator/events`. `data` is sent unchanged, even when it is not JSON. */
export const rawEventSchema = z.strictObject({
  event: z.string().regex(/^[^\r\n]+$/, 'must be one non-empty line'),
  data: z.string(),
});

/** Body of `POST /__simulator/send-log`. */
export const sendLogSchema = z.strictObject({ enabled: z.boolean() });
