import { z } from 'zod';
import { text } from '../../../core/text.js';
import { SEGMENT_ID_PATTERN, SegmentRules } from '../../../core/console/segmentRules.js';
import type { Db } from '../db.js';
import { route, type AnyRoute } from '../routes.js';
import { audit } from '../console/users.js';
import { consoleUser } from '../console/auth.js';
import { createSegment, getSegment, listSegments, refreshSegment, segmentSample, updateSegment } from './segments.js';

/** The console's segments, in the campaigns area (a marketer's or IT's): rules, size, a sample; every change audited. */
const Segment = z.object({ id: z.string(), name: z.string(), rules: SegmentRules, size: z.number(), refreshedAt: z.string().nullable(), updatedAt: z.string() });
const SegmentBody = z.object({ name: text({ min: 1, max: 200, trim: true }), rules: SegmentRules }).strict();
const Params = z.object({ segmentId: text({ min: 1, max: 64 }) });
const SAMPLE = 20;

export function segmentConsoleRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/segments',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Segments with their rules and size',
      response: z.object({ segments: z.array(Segment) }),
      handler: async () => ({ segments: await listSegments(db) }),
    }),
    route({
      method: 'POST',
      url: '/console/api/segments',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Create a segment; its members are computed at once (set-based, in PostgreSQL) and synced to the tills',
      body: SegmentBody.extend({ id: z.string().regex(SEGMENT_ID_PATTERN) }).strict(),
      response: Segment,
      successStatus: 201,
      handler: async ({ body, caller }) => {
        const segment = await createSegment(db, body);
        await audit(db, consoleUser(caller).userId, 'segment.create', null, { segmentId: body.id, size: segment.size });
        return segment;
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/segments/:segmentId',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'A segment with a sample of its members',
      params: Params,
      response: Segment.extend({ sample: z.array(z.object({ id: z.string(), name: z.string() })) }),
      handler: async ({ params }) => ({ ...(await getSegment(db, params.segmentId)), sample: await segmentSample(db, params.segmentId, SAMPLE) }),
    }),
    route({
      method: 'PUT',
      url: '/console/api/segments/:segmentId',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Change a segment’s name or rules; its members are computed again',
      params: Params,
      body: SegmentBody,
      response: Segment,
      handler: async ({ params, body, caller }) => {
        const segment = await updateSegment(db, params.segmentId, body);
        await audit(db, consoleUser(caller).userId, 'segment.update', null, { segmentId: params.segmentId, size: segment.size });
        return segment;
      },
    }),
    route({
      method: 'POST',
      url: '/console/api/segments/:segmentId/refresh',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Compute a segment’s members now (the schedule does it every few minutes)',
      params: Params,
      response: z.object({ size: z.number(), added: z.number(), removed: z.number() }),
      handler: async ({ params }) => refreshSegment(db, params.segmentId),
    }),
  ];
}
