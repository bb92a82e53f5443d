/** The process answers; nothing else is checked. */
export class Liveness {
  status: 'ok';
}
