import { runWithRequestId } from '@app/common';
import { JOB_REQUEST_ID_KEY, JOB_TRACEPARENT_KEY, splitRequestId, withRequestId } from './job-request-id';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('the request id and trace context in job data', () => {
  it('is added only under a request, and handed back apart from the payload', () => {
    expect(withRequestId({ messageId: 'm1' })).toEqual({ messageId: 'm1' });
    const data = runWithRequestId('req-42', () => withRequestId({ messageId: 'm1' }));
    expect(data).toEqual({ messageId: 'm1', [JOB_REQUEST_ID_KEY]: 'req-42' });
    expect(splitRequestId(data)).toEqual({ requestId: 'req-42', traceparent: undefined, payload: { messageId: 'm1' } });
    expect(splitRequestId({ messageId: 'm1' })).toEqual({ requestId: undefined, traceparent: undefined, payload: { messageId: 'm1' } });
  });

  it('carries a traceparent beside the request id (tracing off: none is current, none is written)', () => {
    const data = withRequestId({ messageId: 'm1' }, 'req-42', TRACEPARENT);
    expect(data).toEqual({ messageId: 'm1', [JOB_REQUEST_ID_KEY]: 'req-42', [JOB_TRACEPARENT_KEY]: TRACEPARENT });
    expect(splitRequestId(data)).toEqual({ requestId: 'req-42', traceparent: TRACEPARENT, payload: { messageId: 'm1' } });
  });

  it('ignores a malformed id or traceparent someone wrote into Redis by hand', () => {
    expect(splitRequestId({ reminderId: 'r', [JOB_REQUEST_ID_KEY]: 'a b\n', [JOB_TRACEPARENT_KEY]: '00-zz' })).toEqual({
      requestId: undefined,
      traceparent: undefined,
      payload: { reminderId: 'r' },
    });
  });
});
