/** The one place the application reads the time; tests replace it. The domain never reads it. */
export type Clock = () => Date;
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = () => new Date();
