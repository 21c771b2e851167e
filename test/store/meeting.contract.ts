// The meeting records' contract (notes, actions, decisions), run on every Store implementation: each
// written with its audit entry in one transaction, numbered actions that never share a number, and
// nothing of one workspace visible from another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAction } from '../../src/core/meeting/record-meeting.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';

export function describeMeetingContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
  enabled: () => Promise<boolean>,
) {
  describe(`Meeting records contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void> = async () => {};
    let ws: Workspace;
    let other: Workspace;
    let skip = false;

    beforeAll(async () => {
      skip = !(await enabled());
      if (skip) return;
      ({ store, cleanup } = await open());
      ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'Acme', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
      other = await store.workspaces.ensure({ platform: 'feishu', externalId: 'tenant-2', name: 'Other', timezone: 'UTC', locale: 'en' });
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await cleanup();
    });

    it('keeps notes per workspace and week, written with their audit entry', async (ctx) => {
      if (skip) return ctx.skip();
      const note = await store.transaction(async (tx) => {
        const n = await tx.meeting.addNote({
          workspaceId: ws.id,
          authorId: 'm1',
          segment: 'douyin',
          text: '素材疲劳，周四换新素材',
          value: 0.269,
          periodFrom: '2026-11-23',
          periodTo: '2026-11-29',
        });
        await tx.audit.append({ workspaceId: ws.id, actor: 'm1', action: 'meeting.note', target: n.id, after: { text: n.text } });
        return n;
      });
      expect(note).toMatchObject({ segment: 'douyin', value: 0.269, text: '素材疲劳，周四换新素材' });
      expect(note.metric).toBeUndefined();
      await store.meeting.addNote({
        workspaceId: ws.id,
        authorId: 'm2',
        metric: 'retention_d1',
        text: 'D1',
        value: null,
        periodFrom: '2026-11-16',
        periodTo: '2026-11-22',
      });
      expect((await store.meeting.notesFor(ws.id, '2026-11-23')).map((n) => n.text)).toEqual(['素材疲劳，周四换新素材']);
      expect(await store.meeting.notesFor(other.id, '2026-11-23')).toEqual([]);
      expect((await store.audit.list(ws.id, { action: 'meeting.note' })).map((a) => a.target)).toEqual([note.id]);
      // A failed transaction leaves neither the note nor its audit entry.
      await expect(
        store.transaction(async (tx) => {
          await tx.meeting.addNote({
            workspaceId: ws.id,
            authorId: 'm1',
            text: 'lost',
            value: null,
            periodFrom: '2026-11-23',
            periodTo: '2026-11-29',
          });
          await tx.audit.append({ workspaceId: ws.id, actor: 'm1', action: 'meeting.note', target: 'lost' });
          throw new Error('crashed');
        }),
      ).rejects.toThrow('crashed');
      expect(await store.meeting.notesFor(ws.id, '2026-11-23')).toHaveLength(1);
      expect(await store.audit.list(ws.id, { action: 'meeting.note' })).toHaveLength(1);
    });

    it('numbers actions per workspace and changes them only as last read', async (ctx) => {
      if (skip) return ctx.skip();
      const base = { ownerId: 'm1', creatorId: 'm2', baseValue: null };
      const first = await store.transaction((tx) =>
        tx.meeting.addAction({
          ...base,
          workspaceId: ws.id,
          text: 'cut 抖音 bids 10%',
          dueDay: '2026-12-04',
          metric: 'roi',
          segment: 'douyin',
          baseValue: 0.269,
          baseDay: '2026-11-26',
        }),
      );
      const elsewhere = await store.meeting.addAction({ ...base, workspaceId: other.id, text: 'other team' });
      const second = await store.meeting.addAction({ ...base, workspaceId: ws.id, text: 'D1 onboarding' });
      expect([first.number, second.number, elsewhere.number]).toEqual([1, 2, 1]);
      expect(first).toMatchObject({
        status: 'open',
        metric: 'roi',
        segment: 'douyin',
        baseValue: 0.269,
        baseDay: '2026-11-26',
        dueDay: '2026-12-04',
      });
      expect(await store.meeting.action(other.id, 2)).toBeUndefined();
      expect((await store.meeting.action(other.id, 1))?.text).toBe('other team');

      const closedAt = new Date('2026-12-02T03:00:00Z');
      const done = await store.meeting.updateAction(ws.id, first.id, { status: 'done', closedAt, closedBy: 'm1' }, first.updatedAt);
      expect(done).toMatchObject({ status: 'done', closedAt, closedBy: 'm1', number: 1 });
      // Someone else's change since the read: nothing written.
      expect(await store.meeting.updateAction(ws.id, first.id, { status: 'dropped' }, first.updatedAt)).toBeUndefined();
      // Another workspace cannot change it.
      expect(await store.meeting.updateAction(other.id, first.id, { text: 'x' }, done!.updatedAt)).toBeUndefined();
      expect((await store.meeting.actions(ws.id)).map((a) => a.number)).toEqual([2]);
      expect((await store.meeting.actions(ws.id, { closedSince: new Date('2026-12-01T00:00:00Z') })).map((a) => a.number)).toEqual([1, 2]);
      expect((await store.meeting.actions(ws.id, { closedSince: new Date('2026-12-03T00:00:00Z') })).map((a) => a.number)).toEqual([2]);
      const all = await store.meeting.actionsCreated(ws.id, new Date('2000-01-01'), new Date('2100-01-01'));
      expect(all.map((a) => a.text)).toEqual(['cut 抖音 bids 10%', 'D1 onboarding']);
    });

    it('gives 20 actions created at once 20 different numbers', async (ctx) => {
      if (skip) return ctx.skip();
      const fresh = await store.workspaces.ensure({ platform: 'slack', externalId: 'T-race', name: 'Race', timezone: 'UTC', locale: 'en' });
      const made = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction(async (tx) => {
            const a = await tx.meeting.addAction({ workspaceId: fresh.id, text: `a${i}`, ownerId: 'm', creatorId: 'm', baseValue: null });
            await tx.audit.append({ workspaceId: fresh.id, actor: 'm', action: 'meeting.action.add', target: String(a.number) });
            return a.number;
          }),
        ),
      );
      expect([...made].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.audit.list(fresh.id, { action: 'meeting.action.add' })).toHaveLength(20);
    });

    it('closes an action once when 20 people press done at the same moment', async (ctx) => {
      if (skip) return ctx.skip();
      const fresh = await store.workspaces.ensure({ platform: 'slack', externalId: 'T-done', name: 'Done', timezone: 'UTC', locale: 'en' });
      const action = await store.meeting.addAction({ workspaceId: fresh.id, text: 'once', ownerId: 'm', creatorId: 'm', baseValue: null });
      const closedAt = new Date('2026-12-02T00:00:00Z');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          changeAction(store, fresh.id, action.number, { id: `m${i}`, role: 'admin' }, 'done', (a) =>
            a.status === 'open' ? { status: 'done', closedAt, closedBy: `m${i}` } : undefined,
          ),
        ),
      );
      expect(results.filter((r) => r.kind === 'changed')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'unchanged')).toHaveLength(19);
      expect(await store.audit.list(fresh.id, { action: 'meeting.action.done' })).toHaveLength(1);
      expect((await store.meeting.action(fresh.id, action.number))?.status).toBe('done');
    });

    it('lets only the owner, the creator or an admin change an action, checked on the state it writes over', async (ctx) => {
      if (skip) return ctx.skip();
      const fresh = await store.workspaces.ensure({ platform: 'slack', externalId: 'T-perm', name: 'Perm', timezone: 'UTC', locale: 'en' });
      const closedAt = new Date('2026-12-02T00:00:00Z');
      const close = (id: string) => () => ({ status: 'done' as const, closedAt, closedBy: id });
      const lead = { id: 'm-lead', role: 'member' as const };
      const a = await store.meeting.addAction({
        workspaceId: fresh.id,
        text: 'perm',
        ownerId: 'm-old',
        creatorId: lead.id,
        baseValue: null,
      });
      const audit = () => store.audit.list(fresh.id, { limit: 100 });

      // Someone else: refused, nothing written.
      const stranger = await changeAction(store, fresh.id, a.number, { id: 'm-x', role: 'manager' }, 'done', close('m-x'));
      expect(stranger).toMatchObject({ kind: 'refused', action: { status: 'open', ownerId: 'm-old' } });
      expect(await audit()).toEqual([]);

      // The old owner presses done while the creator hands the action to m-new: the hand-over lands between the
      // old owner's read and write, so the write misses, the re-read names m-new, and the old owner is refused.
      let handOver: Promise<unknown> | undefined;
      const racing = Object.assign(Object.create(store) as Store, {
        meeting: Object.assign(Object.create(store.meeting) as Store['meeting'], {
          action: async (w: string, n: number) => {
            const read = await store.meeting.action(w, n);
            handOver ??= changeAction(store, w, n, lead, 'edit', () => ({ ownerId: 'm-new' }));
            await handOver;
            return read;
          },
        }),
      });
      expect(await changeAction(racing, fresh.id, a.number, { id: 'm-old', role: 'member' }, 'done', close('m-old'))).toMatchObject({
        kind: 'refused',
        action: { ownerId: 'm-new', status: 'open' },
      });
      expect((await audit()).map((e) => e.action)).toEqual(['meeting.action.edit']);

      // Ten members who are neither and the new owner press done at once: the owner closes it, the rest are refused.
      const results = await Promise.all([
        ...Array.from({ length: 10 }, (_, i) =>
          changeAction(store, fresh.id, a.number, { id: `m${i}`, role: 'member' }, 'done', close(`m${i}`)),
        ),
        changeAction(store, fresh.id, a.number, { id: 'm-new', role: 'member' }, 'done', close('m-new')),
      ]);
      expect(results.map((r) => r.kind)).toEqual([...Array.from({ length: 10 }, () => 'refused'), 'changed']);
      expect(await store.meeting.action(fresh.id, a.number)).toMatchObject({ status: 'done', closedBy: 'm-new' });
      expect(await store.audit.list(fresh.id, { action: 'meeting.action.done' })).toMatchObject([{ actor: 'm-new' }]);
      // An admin may change anyone's action.
      const edited = await changeAction(store, fresh.id, a.number, { id: 'm-admin', role: 'admin' }, 'edit', () => ({
        text: 'by admin',
      }));
      expect(edited).toMatchObject({ kind: 'changed', action: { text: 'by admin' } });
    });

    it('keeps decisions with their metrics, per workspace and time', async (ctx) => {
      if (skip) return ctx.skip();
      const at = new Date('2026-12-02T07:00:00Z');
      await store.meeting.addDecision({
        workspaceId: ws.id,
        authorId: 'm1',
        text: '抖音预算转小红书',
        metrics: ['roi', 'spend'],
        createdAt: at,
      });
      await store.meeting.addDecision({ workspaceId: other.id, authorId: 'm9', text: 'elsewhere', metrics: [], createdAt: at });
      const week = await store.meeting.decisions(ws.id, new Date('2026-11-30T00:00:00Z'), new Date('2026-12-07T00:00:00Z'));
      expect(week).toMatchObject([{ text: '抖音预算转小红书', metrics: ['roi', 'spend'], authorId: 'm1', createdAt: at }]);
      expect(await store.meeting.decisions(ws.id, new Date('2026-12-07T00:00:00Z'), new Date('2026-12-14T00:00:00Z'))).toEqual([]);
    });
  });
}
