import type { ServerResponse } from 'node:http';

interface HeldRequest {
  response: ServerResponse;
  resume: () => void;
}

/** Requests accepted while the `hang` fault is on, which get no response until it is cleared. */
export class HeldRequests {
  readonly #held = new Set<HeldRequest>();

  get size(): number {
    return this.#held.size;
  }

  hold(response: ServerResponse, resume: () => void): void {
    const held = { response, resume };
    this.#held.add(held);
    response.on('close', () => this.#held.delete(held));
  }

  /** Responds to every held request whose client is still connected. */
  releaseAll(): void {
    const held = [...this.#held];
    this.#held.clear();
    for (const { response, resume } of held) {
      if (!response.destroyed) {
        resume();
      }
    }
  }

  /** Closes the connection of every held request without responding. */
  destroyAll(): void {
    for (const { response } of this.#held) {
      response.socket?.destroy();
    }
    this.#held.clear();
  }
}
