/**
 * The body of a letter-rendering thread (see letter-threads.ts): renders the LetterView it is sent and
 * answers with the PDF, or with the error's name and message (a LetterRenderError stays one).
 * Imports only the renderer, so it loads as it is: compiled, bundled as its own entry, or under ts-node.
 */
import { parentPort } from 'node:worker_threads';
import { renderLetterPdf } from './letter-pdf';
import type { LetterView } from './letter-view';

export interface LetterTask {
  id: number;
  view: LetterView;
}
export type LetterAnswer = { id: number; pdf: Uint8Array } | { id: number; error: { name: string; message: string } };

const port = parentPort;
if (port) {
  port.on('message', ({ id, view }: LetterTask) => {
    renderLetterPdf(view).then(
      (pdf) => port.postMessage({ id, pdf } satisfies LetterAnswer),
      (error: unknown) =>
        port.postMessage({
          id,
          error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) },
        } satisfies LetterAnswer),
    );
  });
}
