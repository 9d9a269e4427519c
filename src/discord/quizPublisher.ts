/**
 * The scheduler's `QuizPublisher` over discord.js: posts the quiz message, keeps its "N answered" count current,
 * and turns it into the reveal. Discord's failures become `retryableError` (429, 5xx, timeouts, network) or
 * `permanentError` with a reason an admin can act on (missing access or permissions, channel or message gone).
 */
import {
  ChannelType,
  DiscordAPIError,
  HTTPError,
  PermissionFlagsBits,
  RateLimitError,
  type Client,
  type GuildBasedChannel,
  type SendableChannels,
} from 'discord.js';
import type { Logger } from '../logger.ts';
import type { RevealResults } from '../quiz/daily/results.ts';
import type { Question } from '../quiz/schema.ts';
import { permanentError, postNonce, PublishError, retryableError, type QuizPublisher } from '../schedule/publisher.ts';
import type { DailyQuiz, Store } from '../store/types.ts';
import { forUpdate } from './render/common.ts';
import { renderQuizPost, renderQuizReveal } from './render/quiz.ts';

/** What the bot needs in the quiz channel, with the names Discord's settings use. */
export const QUIZ_CHANNEL_PERMISSIONS = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
] as const;

/** Channel types the quiz can be posted in (with a message list of their own). */
export const QUIZ_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/**
 * Why the bot cannot post in `channel`, or an empty list. Uses the cached permission overwrites and roles
 * (discord.js `permissionsFor`), so no request is made.
 */
export function channelProblems(channel: GuildBasedChannel | null | undefined, label = 'that channel'): string[] {
  if (!channel) return [`${label} no longer exists, or I cannot see it`];
  if (!(QUIZ_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    return [`<#${channel.id}> is not a text channel: the quiz needs a text or announcement channel`];
  }
  const me = channel.guild.members.me;
  const perms = me ? channel.permissionsFor(me) : null;
  if (!perms) return [`I cannot work out my permissions in <#${channel.id}>`];
  const missing = QUIZ_CHANNEL_PERMISSIONS.filter((p) => !perms.has(p.flag)).map((p) => p.name);
  return missing.length > 0 ? [`I am missing ${missing.join(', ')} in <#${channel.id}> (channel or role permissions)`] : [];
}

const PERMANENT_CODES: Record<number, string> = {
  10003: 'the quiz channel no longer exists (Unknown Channel)',
  10004: 'the bot is no longer in this server (Unknown Guild)',
  10008: 'the quiz message was deleted (Unknown Message)',
  50001: 'the bot cannot see the quiz channel (Missing Access)',
  50013: 'the bot lacks permissions in the quiz channel (Missing Permissions)',
  50035: 'Discord rejected the message (Invalid Form Body)',
};

/** Maps what discord.js throws to the scheduler's retryable/permanent errors. */
export function classifyDiscordError(error: unknown, what: string): PublishError {
  if (error instanceof PublishError) return error;
  if (error instanceof RateLimitError) return retryableError(`${what}: rate limited`, error.retryAfter);
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? PERMANENT_CODES[error.code] : undefined;
    if (known) return permanentError(`${what}: ${known}`);
    if (error.status === 429) return retryableError(`${what}: rate limited`);
    if (error.status >= 500) return retryableError(`${what}: Discord error ${error.status}`);
    return permanentError(`${what}: Discord refused (${error.status} ${error.code}: ${error.message})`.slice(0, 300));
  }
  if (error instanceof HTTPError) {
    return error.status === 429 || error.status >= 500
      ? retryableError(`${what}: Discord HTTP ${error.status}`)
      : permanentError(`${what}: Discord HTTP ${error.status}`);
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') return retryableError(`${what}: Discord did not answer in time`);
  const message = error instanceof Error ? error.message : String(error);
  return retryableError(`${what}: ${message}`.slice(0, 300));
}

export interface DiscordPublisherOptions {
  /** The logged-in client (a getter: the publisher may be built before login). */
  client: () => Client;
  store: Pick<Store, 'getQuiz' | 'getGuildConfig'>;
  questions: () => ReadonlyMap<string, Question>;
  logger: Logger;
  now?: () => Date;
}

export interface DiscordQuizPublisher extends QuizPublisher {
  updateCount(quiz: DailyQuiz, answered: number): Promise<void>;
}

export function createDiscordPublisher(options: DiscordPublisherOptions): DiscordQuizPublisher {
  const now = options.now ?? (() => new Date());
  /** Quizzes whose reveal this process has started: count edits must not overwrite it. */
  const revealing = new Set<number>();
  /** Edits of one message run one after another, so a late count edit cannot land after the reveal. */
  const chains = new Map<number, Promise<unknown>>();
  const inOrder = <T>(quizId: number, step: () => Promise<T>): Promise<T> => {
    const next = (chains.get(quizId) ?? Promise.resolve()).then(step, step);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    chains.set(quizId, settled);
    void settled.then(() => chains.get(quizId) === settled && chains.delete(quizId));
    return next;
  };

  async function channelFor(quiz: DailyQuiz, what: string): Promise<SendableChannels & GuildBasedChannel> {
    let channel;
    try {
      channel = await options.client().channels.fetch(quiz.channelId);
    } catch (error) {
      throw classifyDiscordError(error, what);
    }
    if (!channel || channel.isDMBased() || !channel.isSendable()) {
      throw permanentError(`${what}: channel ${quiz.channelId} is not a text channel the bot can post in`);
    }
    return channel;
  }

  return {
    async post(quiz, question) {
      const what = `posting quiz #${quiz.seq}`;
      const channel = await channelFor(quiz, what);
      // The permission check needs the bot's own member; it is normally cached from GUILD_CREATE.
      if (!channel.guild.members.me) await channel.guild.members.fetchMe().catch(() => undefined);
      const problems = channel.guild.members.me ? channelProblems(channel) : [];
      if (problems.length > 0) throw permanentError(`${what}: ${problems.join('; ')}`);
      const config = await options.store.getGuildConfig(quiz.guildId);
      const body = forUpdate(renderQuizPost(quiz, question, { answered: 0, roleId: config?.roleId ?? null }));
      try {
        // The same nonce after a crash makes Discord return the message it already created instead of a second one.
        const message = await channel.send({ ...body, nonce: postNonce(quiz), enforceNonce: true });
        return { messageId: message.id };
      } catch (error) {
        throw classifyDiscordError(error, what);
      }
    },

    reveal(quiz, question, results: RevealResults) {
      revealing.add(quiz.id);
      return inOrder(quiz.id, async () => {
        const what = `revealing quiz #${quiz.seq}`;
        if (!quiz.messageId) throw permanentError(`${what}: the quiz has no message to edit`);
        const channel = await channelFor(quiz, what);
        try {
          // An edit, so calling it twice (after a crash between announcing and recording) shows one reveal.
          await channel.messages.edit(quiz.messageId, forUpdate(renderQuizReveal(quiz, question, results)));
        } catch (error) {
          throw classifyDiscordError(error, what);
        }
      });
    },

    updateCount(quiz, answered) {
      return inOrder(quiz.id, async () => {
        if (revealing.has(quiz.id) || !quiz.messageId || now().getTime() >= quiz.closesAt.getTime()) return;
        const current = await options.store.getQuiz(quiz.id);
        if (!current || current.state !== 'posted' || !current.messageId) return;
        const question = options.questions().get(current.questionId);
        if (!question) return;
        const view = forUpdate(renderQuizPost(current, question, { answered }));
        // Leave the content (the role ping line) as it is; an edit never pings anyway.
        const { content: _content, ...edit } = view;
        const channel = await channelFor(current, `updating quiz #${current.seq}`);
        try {
          await channel.messages.edit(current.messageId, { ...edit, allowedMentions: { parse: [] } });
        } catch (error) {
          throw classifyDiscordError(error, `updating quiz #${current.seq}`);
        }
      });
    },
  };
}
