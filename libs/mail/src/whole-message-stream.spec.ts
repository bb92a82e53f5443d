import { finished } from 'node:stream/promises';
import { WholeMessageStream } from './whole-message-stream';

/** Writes the chunks one by one (as nodemailer does) and collects what comes out. */
async function outputOf(chunks: Array<Buffer | string>, limit?: number): Promise<Buffer[]> {
  const stream = new WholeMessageStream(limit);
  const output: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => output.push(chunk));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await finished(stream);
  return output;
}

describe('WholeMessageStream', () => {
  it('passes a message streamed in many chunks on as one buffer of the same bytes', async () => {
    const chunks = ['From: a@b.vn\r\n', 'Subject: =?UTF-8?Q?Gi=E1=BA=A5y_m=E1=BB=9Di?=\r\n', '\r\n', Buffer.from('Kính mời đồng chí\r\n')];
    const output = await outputOf(chunks);
    expect(output).toHaveLength(1);
    expect(output[0].toString()).toBe(chunks.join(''));
  });

  it('passes on what it holds each time it reaches its limit, so a large message still streams', async () => {
    const output = await outputOf(['aaaa', 'bbbb', 'cc', 'dddd', 'e'], 8);
    expect(output.map(String)).toEqual(['aaaabbbb', 'ccdddde']);
  });

  it('passes nothing on for an empty message', async () => {
    expect(await outputOf([])).toEqual([]);
  });
});
