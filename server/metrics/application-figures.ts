// The port through which the metrics get the figures of applications (办件) and phone consultations
// (电话咨询) for the period summary: the metrics define what they need, the applications feature
// (server/applications) provides it as the `applicationFigures` service. The metrics import nothing
// from applications, and run without it (no application figures then).

export interface ApplicationPeriodFigures {
  /** Applications received at a window (收件) on a day of the period. */
  received: number;
  /** Decided (办结: approved or refused) on a day of the period. */
  completed: number;
  /** Of those, decided on or before the promised date (承诺时限). */
  completedOnTime: number;
  /** Results mailed free of charge (免费邮寄) on a day of the period. */
  freeMailings: number;
  /** Results handed out at the pickup window on a day of the period. */
  pickedUp: number;
}

export interface ConsultationFigures {
  /** Phone consultations logged on a day of the period, and their minutes. */
  count: number;
  minutes: number;
  byService: Record<string, { count: number; minutes: number }>;
}

export interface ApplicationFiguresSource {
  /** Figures over local dates from..to (inclusive) in the hall's time zone; undefined for an unknown hall. */
  range(hallId: string, from: string, to: string): Promise<{ applications: ApplicationPeriodFigures; consultations: ConsultationFigures } | undefined>;
}

declare module '../feature.ts' {
  interface FeatureServices {
    applicationFigures: ApplicationFiguresSource;
  }
}
