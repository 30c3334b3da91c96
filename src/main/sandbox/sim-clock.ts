// The Sandbox's sense of time. Real time drives links and dedupe windows; simulated time (real time times
// the time scale) drives how far checks have progressed, so tests can finish a check in milliseconds.
// State is computed from these clocks when read: no timer per check.

export class SimulatedClock {
  private offsetMs = 0
  private anchorReal: number
  private anchorSim: number

  constructor(
    private readonly source: () => number,
    private scale: number
  ) {
    this.anchorReal = source()
    this.anchorSim = this.anchorReal
  }

  /** Epoch ms, including any time the tests skipped ahead. */
  now(): number {
    return this.source() + this.offsetMs
  }

  /** Simulated epoch ms. */
  simNow(): number {
    return this.anchorSim + (this.now() - this.anchorReal) * this.scale
  }

  get timeScale(): number {
    return this.scale
  }

  /** Changing speed keeps simulated time continuous: checks do not jump ahead or back. */
  setTimeScale(scale: number): void {
    const real = this.now()
    this.anchorSim = this.simNow()
    this.anchorReal = real
    this.scale = scale
  }

  /** Moves both clocks forward, e.g. to expire an upload link without waiting. */
  advance(ms: number): void {
    const sim = this.simNow()
    this.offsetMs += ms
    this.anchorSim = sim + ms * this.scale
    this.anchorReal = this.now()
  }

  /** Where both clocks stand now, to go on from after a restart. */
  snapshot(): { real: number; sim: number } {
    return { real: this.now(), sim: this.simNow() }
  }

  /**
   * Goes on from a moment `snapshot` recorded: the simulated time that passed while the Sandbox was stopped
   * counts, at the current speed, as it does for checks on Truora's side while the app is closed.
   */
  resumeFrom(at: { real: number; sim: number }): void {
    if (at.real > this.now()) return
    this.anchorReal = at.real
    this.anchorSim = at.sim
  }

  /** The real moment at which simulated time reaches `sim` at the current speed. */
  realAt(sim: number): number {
    return this.anchorReal + (sim - this.anchorSim) / this.scale
  }
}
