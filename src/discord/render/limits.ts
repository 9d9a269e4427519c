/** Discord's documented payload limits; every rendered payload is checked against these. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  selectOptions: 25,
  selectLabel: 100,
  selectDescription: 100,
  buttonLabel: 80,
  actionRows: 5,
} as const;

/** Cuts text to `max` characters, ending with an ellipsis when it had to cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Don't leave a dangling half of a surrogate pair or an unbalanced bold marker.
  const safe = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  const bolds = (safe.match(/\*\*/g) ?? []).length;
  return (bolds % 2 === 1 ? safe.replace(/\*\*(?!.*\*\*)/s, '') : safe) + '…';
}
