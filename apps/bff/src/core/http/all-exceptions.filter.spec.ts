import { BadRequestException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { apiErrorStatus } from '@portico/domain';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppException } from './app.exception';

describe('AllExceptionsFilter.render', () => {
  const filter = new AllExceptionsFilter();

  it('renders AppException with its code and details', () => {
    const { status, body } = filter.render(
      AppException.validation([{ path: 'body.email', message: 'bad' }]),
      'r1',
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'validation_failed',
      message: 'Request validation failed',
      requestId: 'r1',
      details: [{ path: 'body.email', message: 'bad' }],
    });
  });

  it('sends every code with its one status from the domain map', () => {
    expect(filter.render(new AppException('gone', 'Used'), 'r').status).toBe(410);
    expect(filter.render(new AppException('idempotency_key_reused', 'Other body'), 'r').status).toBe(422);
    expect(filter.render(new AppException('mfa_enrolment_required', 'Enrol'), 'r').status).toBe(403);
    expect(filter.render(new AppException('webhook_signature_invalid', 'Bad'), 'r').status).toBe(401);
    for (const [code, status] of Object.entries(apiErrorStatus)) {
      expect(filter.render(new AppException(code as keyof typeof apiErrorStatus, 'x'), 'r').status).toBe(
        status,
      );
    }
  });

  it('gives a status raised outside the app its first code in the map', () => {
    expect(filter.render(new UnauthorizedException(), 'r').body.code).toBe('unauthenticated');
    expect(filter.render(new HttpException('Unprocessable', 422), 'r').body.code).toBe('validation_failed');
    expect(filter.render(new HttpException('Conflict', 409), 'r').body.code).toBe('conflict');
    expect(filter.render(new HttpException('Gateway', 504), 'r').body.code).toBe('upstream_unavailable');
  });

  it('maps Nest HttpExceptions by status', () => {
    expect(filter.render(new NotFoundException('Cannot GET /x'), 'r').body).toEqual({
      code: 'not_found',
      message: 'Not found',
      requestId: 'r',
    });
    expect(filter.render(new BadRequestException('bad'), 'r').body.code).toBe('validation_failed');
  });

  it('maps Fastify client errors to 400 and hides unknown errors behind 500', () => {
    const parseError = Object.assign(new Error('Unexpected end of JSON input'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
    expect(filter.render(parseError, 'r')).toMatchObject({
      status: 400,
      body: { code: 'validation_failed' },
    });
    const internal = filter.render(new Error('db password is hunter2'), 'r');
    expect(internal).toEqual({
      status: 500,
      body: { code: 'internal_error', message: 'Internal server error', requestId: 'r' },
    });
  });
});
