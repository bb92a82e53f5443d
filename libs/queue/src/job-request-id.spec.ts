import { runWithRequestId } from '@app/common';
import { JOB_REQUEST_ID_KEY, splitRequestId, withRequestId } from './job-request-id';

describe('the request id in job data', () => {
  it('is added only under a request, and handed back apart from the payload', () => {
    expect(withRequestId({ messageId: 'm1' })).toEqual({ messageId: 'm1' });
    const data = runWithRequestId('req-42', () => withRequestId({ messageId: 'm1' }));
    expect(data).toEqual({ messageId: 'm1', [JOB_REQUEST_ID_KEY]: 'req-42' });
    expect(splitRequestId(data)).toEqual({ requestId: 'req-42', payload: { messageId: 'm1' } });
    expect(splitRequestId({ messageId: 'm1' })).toEqual({ requestId: undefined, payload: { messageId: 'm1' } });
  });

  it('ignores a malformed id someone wrote into Redis by hand', () => {
    expect(splitRequestId({ reminderId: 'r', [JOB_REQUEST_ID_KEY]: 'a b\n' })).toEqual({ requestId: undefined, payload: { reminderId: 'r' } });
  });
});
