import type { APIComponentInMessageActionRow } from 'discord.js';
import type { MessagePayload } from '../discord/render/index.ts';

/** Renders a Discord payload as terminal text, so `studybot ask` shows exactly what `/ask` would. */
export function payloadToText(view: Pick<MessagePayload, 'content' | 'embeds' | 'components'>): string {
  const out: string[] = [];
  if (view.content) out.push(view.content, '');
  for (const embed of view.embeds) {
    if (embed.title) out.push(`## ${embed.title}`, '');
    if (embed.description) out.push(embed.description, '');
    for (const field of embed.fields ?? []) out.push(`### ${field.name}`, field.value, '');
    if (embed.footer?.text) out.push(`— ${embed.footer.text}`);
  }
  for (const row of view.components) {
    for (const c of row.components as APIComponentInMessageActionRow[]) {
      if ('options' in c && Array.isArray(c.options)) {
        out.push('', `${c.placeholder ?? 'Options'}:`);
        for (const o of c.options) out.push(`  ${o.default ? '▸' : ' '} ${o.label}${o.description ? `  (${o.description})` : ''}`);
      }
    }
  }
  return out.join('\n').trimEnd() + '\n';
}
