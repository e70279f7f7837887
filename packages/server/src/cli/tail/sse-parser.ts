/** One Server-Sent Event as the HTML spec's parser dispatches it. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * An incremental parser of `text/event-stream` (WHATWG HTML §9.2.6): feed it chunks as they
 * arrive, in any split; it returns the events completed so far. Comments (`: …`) are skipped.
 *
 * @example
 * const parser = new SseParser();
 * parser.feed('id: 1\nevent: delivery.dead\ndata: {}\n\n'); // [{ id: '1', event: 'delivery.dead', data: '{}' }]
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;
  /** The id of the last event dispatched: what to send as Last-Event-ID on reconnect. */
  lastEventId: string | undefined;

  feed(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const out: SseEvent[] = [];
    let newline = this.#buffer.search(/\r\n|\r|\n/);
    while (newline !== -1) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.#buffer = this.#buffer.slice(newline + width);
      const event = this.#line(line);
      if (event) out.push(event);
      newline = this.#buffer.search(/\r\n|\r|\n/);
    }
    return out;
  }

  #line(line: string): SseEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    return null;
  }

  #dispatch(): SseEvent | null {
    if (this.#id !== undefined) this.lastEventId = this.#id;
    if (this.#data.length === 0) {
      this.#event = '';
      return null;
    }
    const event = { id: this.lastEventId, event: this.#event || 'message', data: this.#data.join('\n') };
    this.#data = [];
    this.#event = '';
    return event;
  }
}
