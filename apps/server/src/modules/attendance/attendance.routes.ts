import {
  attendanceStateSchema,
  checkInBody,
  checkInPreviewBody,
  checkInPreviewResponse,
  checkOutBody,
  codeResponse,
  itemIdParam,
  occurrenceQuery,
  participantParams,
  reportQuery,
  reportResponse,
  summaryQuery,
  summaryResponse,
} from '@kalendaryo/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { actorOf } from '../../http/auth';
import { attendanceReport, attendanceSummary, reportCsv, reportTable } from './attendance.report';
import * as attendance from './attendance.service';
import { workbook } from './xlsx';

const tags = ['attendance'];

/** Where a scanned code leads: the web app's check-in page, which posts the token. */
const checkInUrl = (request: FastifyRequest, token: string) =>
  `${request.protocol}://${request.host}/check-in?token=${token}`;

const svgOf = (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

export async function attendanceRoutes(
  app: FastifyInstance,
  deps: attendance.AttendanceDeps & { now?: () => number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = deps.now ?? Date.now;

  type Code = { token: string; occurrence: string; notBefore: string; expiresAt: string };
  const withQr = async (request: FastifyRequest, code: Code) => {
    const url = checkInUrl(request, code.token);
    return { ...code, url, qrSvg: await svgOf(url) };
  };

  type Issue = (request: FastifyRequest) => Promise<Code>;
  const codeRoutes = (path: string, params: z.ZodObject, summary: string, issue: Issue) => {
    r.get(
      path,
      { schema: { tags, summary, params, querystring: occurrenceQuery, response: { 200: codeResponse } } },
      async (request) => withQr(request, await issue(request)),
    );
    r.get(
      `${path}.svg`,
      { schema: { tags, summary: `${summary} (QR image, SVG)`, params, querystring: occurrenceQuery } },
      async (request, reply) => {
        const svg = await svgOf(checkInUrl(request, (await issue(request)).token));
        return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
      },
    );
    r.get(
      `${path}.png`,
      { schema: { tags, summary: `${summary} (QR image, PNG)`, params, querystring: occurrenceQuery } },
      async (request, reply) => {
        const png = await QRCode.toBuffer(checkInUrl(request, (await issue(request)).token), {
          type: 'png',
          width: 512,
          margin: 2,
        });
        return reply.type('image/png').header('cache-control', 'no-store').send(png);
      },
    );
  };

  codeRoutes(
    '/api/v1/items/:itemId/check-in-code',
    itemIdParam,
    'The event’s check-in code that participants scan (organiser, coordinator, administrator)',
    (request) => {
      const { itemId } = request.params as { itemId: string };
      const { occurrence } = request.query as { occurrence?: string };
      return attendance.eventCode(deps, actorOf(request), itemId, occurrence);
    },
  );
  codeRoutes(
    '/api/v1/items/:itemId/participants/:participantId/code',
    participantParams,
    'A participant’s personal code (badge) that the organiser scans',
    (request) => {
      const { itemId, participantId } = request.params as { itemId: string; participantId: string };
      const { occurrence } = request.query as { occurrence?: string };
      return attendance.personalCode(deps, actorOf(request), itemId, participantId, occurrence);
    },
  );

  const scanDescription =
    'An event code checks in the signed-in participant (a walk-in where the organiser allows it, else 403 ' +
    '`attendance.not_invited`); a personal code, scanned by the organiser, checks in its owner. Altered or ' +
    'foreign codes are 400 `attendance.invalid_code`, late ones 403 `attendance.code_expired`. Repeating a ' +
    'call returns the unchanged state; an impossible change is 409 `attendance.invalid_transition`. A code ' +
    'is valid around its occurrence as it stands now (a moved occurrence from its new time); a cancelled ' +
    'event or occurrence is 409 `attendance.cancelled`. `scannedAt` counts only for the organiser’s badge scans.';
  r.post(
    '/api/v1/attendance/check-in',
    {
      schema: {
        tags,
        summary: 'Check in with a scanned code',
        description: scanDescription,
        body: checkInBody,
        response: { 200: attendanceStateSchema },
      },
    },
    async (request) => attendance.checkIn(deps, actorOf(request), request.body, now()),
  );
  r.post(
    '/api/v1/attendance/check-in/preview',
    {
      schema: {
        tags,
        summary: 'What a scanned code would check you into (event and current time); records nothing',
        description:
          'The web app’s `/check-in?token=` page shows this and checks in only when the person confirms. ' +
          'The title is null for those who may not read the event.',
        body: checkInPreviewBody,
        response: { 200: checkInPreviewResponse },
      },
    },
    async (request) => attendance.previewCheckIn(deps, actorOf(request), request.body.token),
  );
  r.post(
    '/api/v1/attendance/check-out',
    {
      schema: {
        tags,
        summary: 'Check out with a scanned code',
        description: scanDescription,
        body: checkOutBody,
        response: { 200: attendanceStateSchema },
      },
    },
    async (request) => attendance.checkOut(deps, actorOf(request), request.body, now()),
  );

  for (const action of ['check-in', 'check-out'] as const) {
    r.post(
      `/api/v1/items/:itemId/participants/:participantId/${action}`,
      {
        schema: {
          tags,
          summary: `${action === 'check-in' ? 'Check a participant in' : 'Check a participant out'} by hand (the organiser)`,
          params: participantParams,
          body: z.object({ occurrence: z.string().max(40).optional() }).nullish(),
          response: { 200: attendanceStateSchema },
        },
      },
      async (request) =>
        attendance.manual(
          deps,
          actorOf(request),
          request.params.itemId,
          request.params.participantId,
          action,
          request.body?.occurrence,
          now(),
        ),
    );
  }

  r.get(
    '/api/v1/items/:itemId/attendance',
    {
      schema: {
        tags,
        summary: 'Attendance of one occurrence: RSVP, status, method and times per participant, with totals',
        description: '`format=csv` and `format=xlsx` download the same rows as CSV or an Excel workbook.',
        params: itemIdParam,
        querystring: reportQuery,
        response: { 200: reportResponse.or(z.string()) },
      },
    },
    async (request, reply) => {
      const report = await attendanceReport(
        deps.db,
        actorOf(request),
        request.params.itemId,
        request.query.occurrence,
      );
      const { format } = request.query;
      if (format === 'json') return report;
      // Named by the item's id, never its title: a file name travels further than the file.
      const name = `attendance-${report.itemId}${report.occurrence ? `-${report.occurrence.slice(0, 10)}` : ''}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'xlsx')
        return (
          reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            // Fastify sends a Buffer as it is; the cast only satisfies the JSON response type.
            .send(workbook('Attendance', reportTable(report.rows)) as unknown as string)
        );
      // The byte order mark makes spreadsheet programs read the file as UTF-8.
      return reply.type('text/csv; charset=utf-8').send(`\uFEFF${reportCsv(report.rows)}`);
    },
  );

  r.get(
    '/api/v1/attendance/summary',
    {
      schema: {
        tags,
        summary: 'Attendance rate by kind, community or month (coordinators and administrators)',
        querystring: summaryQuery,
        response: { 200: summaryResponse },
      },
    },
    async (request) => attendanceSummary(deps.db, actorOf(request), request.query),
  );
}
