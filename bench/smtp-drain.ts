/**
 * A minimal SMTP sink for benchmarks, run as its own process so it does not share the event loop
 * with what is measured: accepts everything, counts messages, parses nothing. Prints its port.
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      count += 1;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send?.({ count });
  if (message.type === 'reset') count = 0;
  if (message.type === 'stop') server.close(() => process.exit(0));
});
