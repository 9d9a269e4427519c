/**
 * A separate process for race tests: opens the store (running migrations) and claims one daily quiz, then prints
 * the outcome as JSON. Usage: node --import tsx race-process.ts <databaseUrl> <pgSchema|-> <localDate>
 */
import { openStore } from '../../src/store/index.ts';

const [url, schema, localDate] = process.argv.slice(2);
if (!url || !schema || !localDate) throw new Error('usage: race-process.ts <databaseUrl> <pgSchema|-> <localDate>');
const store = await openStore(url, schema === '-' ? {} : { pgSchema: schema });
try {
  const opensAt = new Date(`${localDate}T09:00:00Z`);
  const { created, quiz } = await store.claimDailyQuiz({
    guildId: '111111111111111111',
    localDate,
    questionId: `q_pid_${process.pid}`,
    topic: 'S3',
    channelId: '333333333333333333',
    opensAt,
    closesAt: new Date(opensAt.getTime() + 3600_000),
  });
  process.stdout.write(JSON.stringify({ created, id: quiz.id, questionId: quiz.questionId }));
} finally {
  await store.close();
}
