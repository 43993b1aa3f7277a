import { BadRequestException, NotFoundException } from '@nestjs/common';
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
