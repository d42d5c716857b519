import type { AnyAgent } from "./contract.ts";

export class DuplicateAgentError extends Error {
  override readonly name = "DuplicateAgentError";
  readonly code = "duplicate_agent" as const;
  constructor(readonly agentName: string) {
    super(`agent already registered: ${agentName}`);
  }
}

/** Agents by name. Registering a name twice throws rather than silently replacing the first. */
export class AgentRegistry {
  readonly #agents = new Map<string, AnyAgent>();

  constructor(agents: readonly AnyAgent[] = []) {
    for (const agent of agents) this.register(agent);
  }

  register(agent: AnyAgent): this {
    if (this.#agents.has(agent.name)) throw new DuplicateAgentError(agent.name);
    this.#agents.set(agent.name, agent);
    return this;
  }

  get(name: string): AnyAgent | undefined {
    return this.#agents.get(name);
  }

  list(): AnyAgent[] {
    return [...this.#agents.values()];
  }
}
