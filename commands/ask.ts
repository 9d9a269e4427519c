import { SlashCommandBuilder, type StringSelectMenuInteraction } from 'discord.js';
import { resolveSectionRef } from '../src/knowledge/sectionRef.ts';
import { ASK_PREFIX, asEphemeral, forUpdate, renderAsk, renderNotice, renderSection, sectionChoices } from '../src/discord/render/index.ts';
import type { Command } from '../src/discord/types.ts';

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Search the study notes')
  .addStringOption((o) =>
    o.setName('query').setDescription('What you want to know, or pick a section').setRequired(true).setMaxLength(200).setAutocomplete(true),
  )
  .addBooleanOption((o) => o.setName('hide').setDescription('Only you see the answer'))
  .addUserOption((o) => o.setName('mention').setDescription('Suggest the answer to someone (they get pinged)'))
  .toJSON();

export const command: Command = {
  data,
  customIdPrefix: ASK_PREFIX,

  async execute(interaction, ctx) {
    const query = interaction.options.getString('query', true).trim();
    const hide = interaction.options.getBoolean('hide') ?? false;
    const mention = interaction.options.getUser('mention');
    const options = { hide, ...(mention ? { mentionUserId: mention.id } : {}) };
    // A value picked from autocomplete is a section reference: open exactly that section.
    const picked = resolveSectionRef(ctx.knowledge, query);
    const reply = picked
      ? renderSection(picked, ctx.search.passageFor(picked), options)
      : renderAsk(ctx.search.search(query), options);
    await interaction.reply(reply);
  },

  async autocomplete(interaction, ctx) {
    const partial = interaction.options.getFocused();
    await interaction.respond(sectionChoices(ctx.search.suggestSections(partial, 25)));
  },

  async handleComponent(interaction, ctx) {
    if (!interaction.isStringSelectMenu()) {
      await interaction.reply(renderNotice('That control is no longer supported; run `/ask` again.', 'warn'));
      return;
    }
    await navigate(interaction, ctx);
  },
};

/** `ask:r:<query>` — the select under a result; the value is the section to show. */
async function navigate(interaction: StringSelectMenuInteraction, ctx: Parameters<Command['execute']>[1]): Promise<void> {
  const query = interaction.customId.slice(`${ASK_PREFIX}:r:`.length);
  const ref = interaction.values[0] ?? '';
  const section = resolveSectionRef(ctx.knowledge, ref);
  if (!interaction.customId.startsWith(`${ASK_PREFIX}:r:`) || !section) {
    await interaction.reply(renderNotice('That section is no longer in the notes. Run `/ask` again.', 'warn'));
    return;
  }
  const outcome = ctx.search.search(query);
  const index = outcome.kind === 'results' ? outcome.results.findIndex((r) => r.section.id === section.id) : -1;
  const hidden = interaction.message.flags.has('Ephemeral');
  const view =
    index >= 0
      ? renderAsk(outcome, { index, hide: hidden })
      : renderSection(section, ctx.search.passageFor(section, query), { hide: hidden });
  // Whoever asked steers their own answer; anyone else gets a private copy instead of changing it for everybody.
  const asker = interaction.message.interactionMetadata?.user.id;
  if (hidden || !asker || asker === interaction.user.id) {
    // Keep the "Suggested for" line, but never ping again on an edit.
    await interaction.update({ ...forUpdate(view), content: interaction.message.content || undefined, allowedMentions: { parse: [] } });
  } else {
    await interaction.reply(asEphemeral(view));
  }
}

export default command;
