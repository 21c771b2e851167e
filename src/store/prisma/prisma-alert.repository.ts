import { ruleSignature } from '../../core/alerts/rule-signature.ts';
import { DuplicateRuleError } from '../../core/errors.ts';
import type {
  Alert,
  AlertDetail,
  AlertEvent,
  AlertEventType,
  AlertRepository,
  AlertRule,
  AlertSeverity,
  AlertState,
  AlertWriter,
  NewAlertRule,
  RuleParams,
} from '../../core/ports/alerts.ts';
import { isUniqueViolation } from './find-or-create.ts';
import type { Db } from './prisma-client.ts';

type RuleRow = Awaited<ReturnType<Db['alertRule']['findFirstOrThrow']>>;
type AlertRow = Awaited<ReturnType<Db['alert']['findFirstOrThrow']>>;

const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
};

function toRule(r: RuleRow): AlertRule {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    name: r.name,
    metric: r.metric,
    scope: r.scope as AlertRule['scope'],
    segment: r.segment ?? undefined,
    params: r.params as unknown as RuleParams,
    severity: r.severity as AlertSeverity,
    owners: parseJson<string[]>(r.owners, []),
    segmentOwners: parseJson<Record<string, string[]>>(r.segmentOwners, {}),
    repeatMinutes: r.repeatMinutes,
    escalateAfter: r.escalateAfter ?? undefined,
    escalateTo: parseJson<string[]>(r.escalateTo, []),
    recoveryEvaluations: r.recoveryEvaluations,
    note: r.note ?? undefined,
    playbookKey: r.playbookKey ?? undefined,
    enabled: r.enabled,
    createdBy: r.createdBy ?? undefined,
  };
}

/** Runs a rule write; the database's unique signature refusing it becomes the one DuplicateRuleError. */
async function uniqueRule<T>(signature: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateRuleError(signature);
    throw error;
  }
}

function ruleData(rule: Partial<NewAlertRule>) {
  const has = (k: keyof NewAlertRule) => k in rule;
  return {
    ...(has('name') ? { name: rule.name } : {}),
    ...(has('params') ? { type: rule.params?.type, params: rule.params as object } : {}),
    ...(has('metric') ? { metric: rule.metric } : {}),
    ...(has('scope') ? { scope: rule.scope } : {}),
    ...(has('segment') ? { segment: rule.segment ?? null } : {}),
    ...(has('severity') ? { severity: rule.severity } : {}),
    ...(has('owners') ? { owners: JSON.stringify(rule.owners ?? []) } : {}),
    ...(has('segmentOwners') ? { segmentOwners: JSON.stringify(rule.segmentOwners ?? {}) } : {}),
    ...(has('repeatMinutes') ? { repeatMinutes: rule.repeatMinutes } : {}),
    ...(has('escalateAfter') ? { escalateAfter: rule.escalateAfter ?? null } : {}),
    ...(has('escalateTo') ? { escalateTo: JSON.stringify(rule.escalateTo ?? []) } : {}),
    ...(has('recoveryEvaluations') ? { recoveryEvaluations: rule.recoveryEvaluations } : {}),
    ...(has('note') ? { note: rule.note ?? null } : {}),
    ...(has('playbookKey') ? { playbookKey: rule.playbookKey ?? null } : {}),
    ...(has('enabled') ? { enabled: rule.enabled } : {}),
    ...(has('createdBy') ? { createdBy: rule.createdBy ?? null } : {}),
  };
}

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    ruleId: r.ruleId,
    segment: r.segment,
    state: r.state as AlertState,
    value: r.value,
    threshold: r.threshold,
    detail: r.detail as unknown as AlertDetail,
    firedAt: r.firedAt,
    lastNotifiedAt: r.lastNotifiedAt ?? undefined,
    reminders: r.reminders,
    snoozedUntil: r.snoozedUntil ?? undefined,
    recoveredStreak: r.recoveredStreak,
    stateBy: r.stateBy ?? undefined,
    stateAt: r.stateAt ?? undefined,
    resolvedAt: r.resolvedAt ?? undefined,
    channel: r.channel ?? undefined,
    messageKey: r.messageRef ?? undefined,
    updatedAt: r.updatedAt,
  };
}

const openKey = (a: Pick<Alert, 'ruleId' | 'segment' | 'state'>) => (a.state === 'resolved' ? null : `${a.ruleId}:${a.segment}`);

function alertData(a: Omit<Alert, 'id' | 'updatedAt' | 'workspaceId' | 'ruleId'>) {
  return {
    segment: a.segment,
    state: a.state,
    value: a.value,
    threshold: a.threshold,
    detail: a.detail as object,
    firedAt: a.firedAt,
    lastNotifiedAt: a.lastNotifiedAt ?? null,
    reminders: a.reminders,
    snoozedUntil: a.snoozedUntil ?? null,
    recoveredStreak: a.recoveredStreak,
    stateBy: a.stateBy ?? null,
    stateAt: a.stateAt ?? null,
    resolvedAt: a.resolvedAt ?? null,
    channel: a.channel ?? null,
    messageRef: a.messageKey ?? null,
  };
}

/** The writes a use case makes beside its outbox messages (works on the client or on a transaction). */
export function createPrismaAlertWriter(db: Db, kind: 'sqlite' | 'postgres'): AlertWriter {
  return {
    async open(alert) {
      const key = openKey(alert);
      const data = { id: alert.id, workspaceId: alert.workspaceId, ruleId: alert.ruleId, openKey: key, ...alertData(alert) };
      if (kind === 'postgres') {
        // ON CONFLICT DO NOTHING: a replica that loses the race for (rule, subject) gets false, and its
        // transaction is not aborted by a unique violation.
        const insert = db.alert.createMany as unknown as (args: { data: unknown[]; skipDuplicates: boolean }) => Promise<{ count: number }>;
        return (await insert({ data: [data], skipDuplicates: true })).count === 1;
      }
      // SQLite: one writer at a time; the check and the insert happen under the transaction's write lock.
      if (key && (await db.alert.findUnique({ where: { openKey: key }, select: { id: true } }))) return false;
      await db.alert.create({ data });
      return true;
    },
    async save(alert, expected) {
      // updatedAt is set by us (not @updatedAt's own clock) so the optimistic check compares what we wrote.
      const { count } = await db.alert.updateMany({
        where: { id: alert.id, workspaceId: alert.workspaceId, updatedAt: expected },
        data: { ...alertData(alert), openKey: openKey(alert), updatedAt: alert.updatedAt },
      });
      return count === 1;
    },
    async appendEvent(event) {
      const row = await db.alertEvent.create({
        data: {
          workspaceId: event.workspaceId,
          alertId: event.alertId,
          type: event.type,
          actor: event.actor,
          detail: (event.detail ?? undefined) as object | undefined,
          at: event.at,
        },
      });
      return row.id;
    },
    async createRule(rule) {
      const data = ruleData(rule);
      const signature = ruleSignature(rule);
      const r = await uniqueRule(signature, () =>
        db.alertRule.create({
          data: {
            ...data,
            workspaceId: rule.workspaceId,
            name: rule.name,
            type: rule.params.type,
            metric: rule.metric,
            params: rule.params,
            signature,
          },
        }),
      );
      return toRule(r);
    },
    async updateRule(workspaceId, id, patch) {
      const current = await db.alertRule.findFirst({ where: { workspaceId, id } });
      if (!current) throw new Error(`no rule ${id} in this workspace`);
      const signature = ruleSignature({ ...toRule(current), ...patch });
      await uniqueRule(signature, () => db.alertRule.updateMany({ where: { workspaceId, id }, data: { ...ruleData(patch), signature } }));
      return toRule(await db.alertRule.findFirstOrThrow({ where: { workspaceId, id } }));
    },
    async removeRule(workspaceId, id) {
      const { count } = await db.alertRule.deleteMany({ where: { workspaceId, id } });
      return count === 1;
    },
  };
}

export function createPrismaAlertRepository(db: Db, kind: 'sqlite' | 'postgres'): AlertRepository {
  return {
    ...createPrismaAlertWriter(db, kind),
    async listRules(workspaceId) {
      return (await db.alertRule.findMany({ where: { workspaceId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toRule);
    },
    async getRule(workspaceId, id) {
      const r = await db.alertRule.findFirst({ where: { workspaceId, id } });
      return r ? toRule(r) : undefined;
    },
    async get(workspaceId, id) {
      const r = await db.alert.findFirst({ where: { workspaceId, id } });
      return r ? toAlert(r) : undefined;
    },
    async listOpen(workspaceId, ruleId) {
      const rows = await db.alert.findMany({
        where: { workspaceId, state: { not: 'resolved' }, ...(ruleId ? { ruleId } : {}) },
        orderBy: [{ firedAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toAlert);
    },
    async listBetween(workspaceId, from, to) {
      const rows = await db.alert.findMany({
        where: {
          workspaceId,
          firedAt: { lt: to },
          OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }],
        },
        orderBy: [{ firedAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toAlert);
    },
    async findByMessage(workspaceId, platformMessageId, channel) {
      const sent = await db.outboxMessage.findFirst({
        where: { workspaceId, platformMessageId, kind: 'post', idempotencyKey: { startsWith: 'alert:' }, ...(channel ? { channel } : {}) },
        select: { idempotencyKey: true },
      });
      if (!sent) return undefined;
      const r = await db.alert.findFirst({ where: { workspaceId, messageRef: sent.idempotencyKey } });
      return r ? toAlert(r) : undefined;
    },
    async events(workspaceId, alertId) {
      const rows = await db.alertEvent.findMany({ where: { workspaceId, alertId }, orderBy: { id: 'asc' } });
      return rows.map(
        (r): AlertEvent => ({
          id: r.id,
          workspaceId: r.workspaceId,
          alertId: r.alertId,
          type: r.type as AlertEventType,
          actor: r.actor ?? 'system',
          detail: r.detail ?? undefined,
          at: r.at,
        }),
      );
    },
  };
}
