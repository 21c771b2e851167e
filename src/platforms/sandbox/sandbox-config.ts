/** The sandbox's settings (on when no chat platform is configured): HOST, when it is deliberately served on another address. */
export interface SandboxSettings {
  host?: string;
}
