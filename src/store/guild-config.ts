import type { Db } from './schema.ts';
import { toGuildConfig } from './rows.ts';
import { GuildConfigInputSchema, parseInput, type GuildConfig, type GuildConfigInput } from './types.ts';

export async function getGuildConfig(db: Db, guildId: string): Promise<GuildConfig | undefined> {
  const row = await db.selectFrom('guild_config').selectAll().where('guild_id', '=', guildId).executeTakeFirst();
  return row && toGuildConfig(row);
}

export async function upsertGuildConfig(db: Db, input: GuildConfigInput, now: Date): Promise<GuildConfig> {
  const c = parseInput(GuildConfigInputSchema, input, 'upsertGuildConfig');
  const values = {
    channel_id: c.channelId,
    post_time: c.postTime,
    time_zone: c.timeZone,
    role_id: c.roleId,
    open_for_minutes: c.openForMinutes,
    topic_filter: c.topicFilter,
    question_set: c.questionSet,
    paused: c.paused ? 1 : 0,
    updated_at: now.getTime(),
  };
  const row = await db
    .insertInto('guild_config')
    .values({ guild_id: c.guildId, ...values })
    .onConflict((oc) => oc.column('guild_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toGuildConfig(row);
}

export async function setPaused(db: Db, guildId: string, paused: boolean, now: Date): Promise<GuildConfig | undefined> {
  const row = await db
    .updateTable('guild_config')
    .set({ paused: paused ? 1 : 0, updated_at: now.getTime() })
    .where('guild_id', '=', guildId)
    .returningAll()
    .executeTakeFirst();
  return row && toGuildConfig(row);
}

export async function listActiveGuildConfigs(db: Db): Promise<GuildConfig[]> {
  const rows = await db.selectFrom('guild_config').selectAll().where('paused', '=', 0).orderBy('guild_id').execute();
  return rows.map(toGuildConfig);
}
