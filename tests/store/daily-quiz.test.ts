import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.ts';
import { backends, CHANNEL, GUILD, OTHER_GUILD, postQuiz, useStore, type Backend } from './support.ts';

const claim = (localDate: string, questionId = `q_${localDate}`, guildId = GUILD) => ({
  guildId,
  localDate,
  questionId,
  topic: 'EC2',
  channelId: CHANNEL,
  opensAt: new Date(`${localDate}T09:00:00Z`),
  closesAt: new Date(`${localDate}T20:00:00Z`),
});

describe.each(backends)('guild quiz configuration on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('upserts, reads back with defaults, and stamps updatedAt from the store clock', async () => {
    const { store, clock } = fx();
    const created = await store.upsertGuildConfig({ guildId: GUILD, channelId: CHANNEL, postTime: '09:30', timeZone: 'America/New_York' });
    expect(created).toEqual({
      guildId: GUILD,
      channelId: CHANNEL,
      postTime: '09:30',
      timeZone: 'America/New_York',
      roleId: null,
      openForMinutes: null,
      topicFilter: null,
      questionSet: 'all',
      paused: false,
      updatedAt: clock.now(),
    });
    clock.set('2026-03-03T10:00:00Z');
    const updated = await store.upsertGuildConfig({ ...created, roleId: '444444444444444444', openForMinutes: 120, topicFilter: 'S3' });
    expect(updated).toMatchObject({ roleId: '444444444444444444', openForMinutes: 120, topicFilter: 'S3', updatedAt: new Date('2026-03-03T10:00:00Z') });
    expect(await store.getGuildConfig(GUILD)).toEqual(updated);
  });

  it('keeps the questions setting (curated | all, default all) and refuses anything else', async () => {
    const { store } = fx();
    const base = { guildId: GUILD, channelId: CHANNEL, postTime: '09:00', timeZone: 'UTC' };
    expect((await store.upsertGuildConfig(base)).questionSet).toBe('all');
    expect((await store.upsertGuildConfig({ ...base, questionSet: 'curated' })).questionSet).toBe('curated');
    expect((await store.getGuildConfig(GUILD))?.questionSet).toBe('curated');
    // Pausing and resuming leave it alone; a new setup without it goes back to the default.
    await store.setPaused(GUILD, true);
    expect((await store.setPaused(GUILD, false))?.questionSet).toBe('curated');
    expect((await store.listActiveGuildConfigs())[0]?.questionSet).toBe('curated');
    expect((await store.upsertGuildConfig(base)).questionSet).toBe('all');
    await expect(store.upsertGuildConfig({ ...base, questionSet: 'generated' as never })).rejects.toThrow(/questionSet/);
  });

  it('pauses and resumes; only active guilds are listed', async () => {
    const { store } = fx();
    await store.upsertGuildConfig({ guildId: GUILD, channelId: CHANNEL, postTime: '09:00', timeZone: 'UTC' });
    await store.upsertGuildConfig({ guildId: OTHER_GUILD, channelId: CHANNEL, postTime: '18:00', timeZone: 'Europe/Paris' });
    expect((await store.setPaused(GUILD, true))?.paused).toBe(true);
    expect((await store.listActiveGuildConfigs()).map((c) => c.guildId)).toEqual([OTHER_GUILD]);
    await store.setPaused(GUILD, false);
    expect((await store.listActiveGuildConfigs()).map((c) => c.guildId)).toEqual([GUILD, OTHER_GUILD]);
    expect(await store.setPaused('999999999999999999', true)).toBeUndefined();
  });

  it('rejects a bad post time or time zone with a StoreError naming the field', async () => {
    const { store } = fx();
    await expect(store.upsertGuildConfig({ guildId: GUILD, channelId: CHANNEL, postTime: '9:00', timeZone: 'UTC' })).rejects.toThrow(/postTime/);
    await expect(store.upsertGuildConfig({ guildId: GUILD, channelId: CHANNEL, postTime: '09:00', timeZone: 'Mars/Olympus' })).rejects.toThrow(
      StoreError,
    );
  });
});

describe.each(backends)('claiming the daily quiz on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('inserts once per guild and local date; a second claim returns the first row', async () => {
    const { store } = fx();
    const first = await store.claimDailyQuiz(claim('2026-03-02', 'q_a'));
    const again = await store.claimDailyQuiz(claim('2026-03-02', 'q_b'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, quiz: first.quiz });
    expect(first.quiz).toMatchObject({ seq: 1, state: 'pending', questionId: 'q_a', topic: 'EC2', messageId: null, attempts: 0 });
  });

  it('numbers quizzes per guild and keeps guilds apart', async () => {
    const { store } = fx();
    const a1 = await store.claimDailyQuiz(claim('2026-03-02'));
    const b1 = await store.claimDailyQuiz(claim('2026-03-02', 'q_x', OTHER_GUILD));
    const a2 = await store.claimDailyQuiz(claim('2026-03-03'));
    expect([a1.quiz.seq, b1.quiz.seq, a2.quiz.seq]).toEqual([1, 1, 2]);
  });

  it('two racing claims for one date leave one row; racing claims for different dates get distinct numbers', async () => {
    const { store, openAnother } = fx();
    // On PostgreSQL the second claimant is a separate pool, i.e. another process as far as the server can tell.
    const other = backend.name === 'postgres' ? await openAnother() : store;
    const same = await Promise.all([store.claimDailyQuiz(claim('2026-03-02', 'q_a')), other.claimDailyQuiz(claim('2026-03-02', 'q_b'))]);
    expect(same.filter((r) => r.created)).toHaveLength(1);
    expect(same[0]!.quiz.id).toBe(same[1]!.quiz.id);

    const dates = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const spread = await Promise.all(dates.map((d, i) => (i % 2 ? other : store).claimDailyQuiz(claim(d))));
    expect(spread.every((r) => r.created)).toBe(true);
    expect(spread.map((r) => r.quiz.seq).sort()).toEqual([2, 3, 4, 5]);
  });

  it('rejects a window that closes before it opens', async () => {
    const { store } = fx();
    await expect(store.claimDailyQuiz({ ...claim('2026-03-02'), closesAt: new Date('2026-03-02T08:00:00Z') })).rejects.toThrow(/closesAt/);
  });
});

describe.each(backends)('posting lifecycle on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('pending → posted keeps the message id; posting twice is refused', async () => {
    const { store, clock } = fx();
    const { quiz } = await store.claimDailyQuiz(claim('2026-03-02'));
    clock.set('2026-03-02T09:00:05Z');
    const posted = await store.markPosted(quiz.id, '555555555555555555');
    expect(posted).toMatchObject({ status: 'updated', quiz: { state: 'posted', messageId: '555555555555555555', attempts: 1 } });
    if (posted.status === 'updated') expect(posted.quiz.postedAt).toEqual(new Date('2026-03-02T09:00:05Z'));
    expect((await store.markPosted(quiz.id, '666666666666666666')).status).toBe('invalid-state');
    expect((await store.markFailed(quiz.id, 'late failure')).status).toBe('invalid-state');
    expect((await store.markPosted(9999, 'x')).status).toBe('not-found');
  });

  it('a failed post stays due until its attempts run out, then a retry can still post it', async () => {
    const { store } = fx();
    const { quiz } = await store.claimDailyQuiz(claim('2026-03-02'));
    const during = new Date('2026-03-02T10:00:00Z');
    expect((await store.quizzesDueForPosting(during)).map((q) => q.id)).toEqual([quiz.id]);
    const failed = await store.markFailed(quiz.id, 'Missing Access (50001) in channel');
    expect(failed).toMatchObject({ status: 'updated', quiz: { state: 'failed', failReason: 'Missing Access (50001) in channel', attempts: 1 } });
    expect((await store.quizzesDueForPosting(during, { maxAttempts: 2 })).map((q) => q.id)).toEqual([quiz.id]);
    await store.markFailed(quiz.id, 'again');
    expect(await store.quizzesDueForPosting(during, { maxAttempts: 2 })).toEqual([]);
    const posted = await store.markPosted(quiz.id, '555555555555555555');
    expect(posted).toMatchObject({ status: 'updated', quiz: { state: 'posted', failReason: null, attempts: 3 } });
  });

  it('a permanent failure is kept apart from its reason and is never due again; posting clears both', async () => {
    const { store } = fx();
    const { quiz } = await store.claimDailyQuiz(claim('2026-03-02'));
    const during = new Date('2026-03-02T10:00:00Z');
    const retryable = await store.markFailed(quiz.id, 'Posting to Discord failed (4 tries): 502 Bad Gateway.');
    expect(retryable).toMatchObject({ status: 'updated', quiz: { failPermanent: false, failReason: 'Posting to Discord failed (4 tries): 502 Bad Gateway.' } });
    expect((await store.quizzesDueForPosting(during)).map((q) => q.id)).toEqual([quiz.id]);

    const permanent = await store.markFailed(quiz.id, 'Discord refused the post: Missing Access (50001).', { permanent: true });
    expect(permanent).toMatchObject({
      status: 'updated',
      quiz: { state: 'failed', failPermanent: true, failReason: 'Discord refused the post: Missing Access (50001).', attempts: 2 },
    });
    expect(await store.quizzesDueForPosting(during, { maxAttempts: 10 })).toEqual([]);
    expect(await store.getQuiz(quiz.id)).toMatchObject({ failPermanent: true });

    const posted = await store.markPosted(quiz.id, '555555555555555555');
    expect(posted).toMatchObject({ status: 'updated', quiz: { state: 'posted', failReason: null, failPermanent: false } });
  });

  it('due for posting only inside the window and not for paused guilds; due for reveal once closed', async () => {
    const { store } = fx();
    await store.upsertGuildConfig({ guildId: OTHER_GUILD, channelId: CHANNEL, postTime: '09:00', timeZone: 'UTC', paused: true });
    const { quiz } = await store.claimDailyQuiz(claim('2026-03-02'));
    await store.claimDailyQuiz(claim('2026-03-02', 'q_other', OTHER_GUILD));
    expect(await store.quizzesDueForPosting(new Date('2026-03-02T08:59:59Z'))).toEqual([]);
    expect((await store.quizzesDueForPosting(new Date('2026-03-02T09:00:00Z'))).map((q) => q.guildId)).toEqual([GUILD]);
    expect(await store.quizzesDueForPosting(new Date('2026-03-02T20:00:00Z'))).toEqual([]);

    await store.markPosted(quiz.id, '555555555555555555');
    expect(await store.quizzesDueForReveal(new Date('2026-03-02T19:59:59Z'))).toEqual([]);
    expect((await store.quizzesDueForReveal(new Date('2026-03-02T20:00:00Z'))).map((q) => q.id)).toEqual([quiz.id]);
    await store.revealQuiz(quiz.id, []);
    expect(await store.quizzesDueForReveal(new Date('2026-03-03T00:00:00Z'))).toEqual([]);
  });
});

describe.each(backends)('question history on $name', (backend: Backend) => {
  const fx = useStore(backend);

  it('lists the ids used in the current cycle and starts a new cycle when a used question comes back', async () => {
    const { store } = fx();
    await postQuiz(store, '2026-03-02', { questionId: 'q1' });
    await postQuiz(store, '2026-03-03', { questionId: 'q2' });
    await postQuiz(store, '2026-03-04', { questionId: 'q1', guildId: OTHER_GUILD });
    expect(await store.usedQuestionIds(GUILD)).toEqual(['q1', 'q2']);
    expect(await store.usedQuestionIds(OTHER_GUILD)).toEqual(['q1']);
    // Pool of two exhausted: the picker reuses q2, which opens cycle 2.
    await store.claimDailyQuiz(claim('2026-03-04', 'q2'));
    expect(await store.usedQuestionIds(GUILD)).toEqual(['q2']);
    // A claim that loses to an existing quiz records nothing.
    await store.claimDailyQuiz(claim('2026-03-04', 'q9'));
    expect(await store.usedQuestionIds(GUILD)).toEqual(['q2']);
  });
});
