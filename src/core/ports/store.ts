import type { ActivityRepository } from './activity.ts';
import type { AlertRepository, AlertWriter } from './alerts.ts';
import type { ApiTokenRepository } from './api-tokens.ts';
import type { AuditRepository } from './audit.ts';
import type { MetricDefinitionRepository, SegmentRepository } from './catalog.ts';
import type { InboundEventRepository, JobSlotRepository } from './delivery.ts';
import type { InstallationRepository } from './installations.ts';
import type { MeetingRepository, MeetingWriter } from './meeting.ts';
import type { ObservationRepository } from './observations.ts';
import type { OutboxRepository } from './outbox.ts';
import type { SourceRepository } from './sources.ts';
import type { MemberRepository, WorkspaceRepository } from './workspace.ts';

export interface MigrationState {
  applied: string[];
  pending: string[];
}

/** What a use case may write together, all or nothing: a state change and the messages it causes. */
export interface TransactionScope {
  outbox: Pick<OutboxRepository, 'enqueue'>;
  audit: Pick<AuditRepository, 'append'>;
  alerts: AlertWriter;
  /** A settings change (where alerts go, targets, reactions) lands with the audit entry that records it. */
  workspaces: Pick<WorkspaceRepository, 'update'>;
  /** A source run's end lands with the notice it causes (failing, recovered). */
  sources: Pick<SourceRepository, 'finishRun' | 'markFailing' | 'markRecovered'>;
  /** Notes, actions and decisions land with the audit entry that records them. */
  meeting: MeetingWriter;
}

/** Everything the core reads and writes, behind one handle. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  readonly workspaces: WorkspaceRepository;
  readonly members: MemberRepository;
  readonly observations: ObservationRepository;
  readonly segments: SegmentRepository;
  readonly metrics: MetricDefinitionRepository;
  readonly activity: ActivityRepository;
  readonly outbox: OutboxRepository;
  readonly installations: InstallationRepository;
  readonly audit: AuditRepository;
  readonly inbound: InboundEventRepository;
  readonly jobSlots: JobSlotRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly alerts: AlertRepository;
  readonly sources: SourceRepository;
  readonly meeting: MeetingRepository;
  /** Runs `work` in one database transaction: everything it writes through `tx` lands, or nothing does. */
  transaction<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  migrationState(): Promise<MigrationState>;
  close(): Promise<void>;
}
