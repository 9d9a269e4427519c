/** The pieces every rendered payload shares: the payload shape, colours, limit checks. */
import {
  ActionRowBuilder,
  ButtonBuilder,
  EmbedBuilder,
  MessageFlags,
  StringSelectMenuBuilder,
  embedLength,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord.js';
import { LIMITS, clip } from './limits.ts';

export const HEADING_SEPARATOR = ' › ';
export const COLOR = { result: 0x2b7fff, warn: 0xf5a524, error: 0xe5484d, info: 0x6e56cf } as const;

/** A message body as discord.js accepts it for reply/editReply/update/followUp/send. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowedMentions: { parse: []; users?: string[]; roles?: string[] };
  flags?: MessageFlags.Ephemeral;
}

export function payload(
  embeds: EmbedBuilder[],
  components: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [],
  extra: Partial<Pick<MessagePayload, 'content' | 'flags' | 'allowedMentions'>> = {},
): MessagePayload {
  const built = embeds.map((e) => e.toJSON());
  const total = built.reduce((n, e) => n + embedLength(e), 0);
  if (total > LIMITS.embedTotal) throw new RangeError(`embeds total ${total} characters, over Discord's ${LIMITS.embedTotal}`);
  if (extra.content && extra.content.length > LIMITS.content) throw new RangeError('content over 2000 characters');
  return {
    ...(extra.content !== undefined ? { content: extra.content } : {}),
    embeds: built,
    components: components.map((c) => c.toJSON()),
    allowedMentions: extra.allowedMentions ?? { parse: [] },
    ...(extra.flags !== undefined ? { flags: extra.flags } : {}),
  };
}

/** Plain (escaped) text for use inside embeds: notes headings may contain `*`, `_`, backticks. */
export const plain = (text: string) => escapeMarkdown(text);

/** A short ephemeral notice (validation problems, refusals, error ids). */
export function renderNotice(text: string, tone: 'info' | 'warn' | 'error' = 'info'): MessagePayload {
  return payload([new EmbedBuilder().setColor(COLOR[tone]).setDescription(clip(text, LIMITS.embedDescription))], [], {
    flags: MessageFlags.Ephemeral,
  });
}

/** An update cannot change a message's ephemeral flag, so a payload used for `update()` drops it. */
export function forUpdate(view: MessagePayload): Omit<MessagePayload, 'flags'> {
  const { flags: _flags, ...rest } = view;
  return rest;
}

/** The same view as a private reply. */
export function asEphemeral(view: MessagePayload): MessagePayload {
  return { ...view, flags: MessageFlags.Ephemeral };
}
